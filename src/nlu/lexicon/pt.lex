# Portuguese (Brazilian) words the rule reader knows. One entry per line, folded (lower case, no
# accents). In `[cue <intent>]` sections a weight comes first, then the phrase; a trailing `*`
# matches any word starting with the stem. See src/nlu/lexicon/mod.rs for what each section does.

[cue info_prices]
3 custa
2 quanto

[cue greeting]
1.5 oi

[cue chitchat]
2.5 obrigad*

[service words]
hidratacao
unhas
unha
sobrancelha
sobrancelhas
escova
progressiva
luzes
tranca
trancas
cilios
alongamento
alisamento
penteado
franja
cabelo
depilacao
hidratacao
manicure
pedicure
design
corte
mechas
maquiagem
barba

[service complements]
progressiva
infantil
feminino
masculino
gel
postica
posticas
definitiva

[service of]
unha
cabelo
sobrancelha
sobrancelhas
cilios
queratina
unhas

[name leads]
meu nome e
me chamo
sou a
sou o
aqui e a
aqui e o
e a
sou

[not a name]
obrigado
obrigada
beijos
beijo
abraco
abracos
oi
ola
sou
bom
boa
tudo
bem
vcs
voces
queria
gostaria

[yes]
sim
isso
isso mesmo
certo
pode ser
pode
beleza
combinado
claro que sim
com certeza
perfeito
ta bom
ta otimo
fechado

[no]
nao
nao obrigado
nao obrigada

[closing]
deixa
deixa pra la
esquece
depois eu vejo
depois te aviso
nada
