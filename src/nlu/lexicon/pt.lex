# Portuguese (Brazilian) words the rule reader knows. One entry per line, folded (lower case, no
# accents). In `[cue <intent>]` sections a weight comes first, then the phrase; a trailing `*`
# matches any word starting with the stem. See src/nlu/lexicon/mod.rs for what each section does.

[cue cancel]
3 desmarc*
2 nao vou poder ir
2 nao vou conseguir ir
2 nao posso ir
2 nao consigo ir
1.5 nao vou poder
1.2 nao vou conseguir

[cue reschedule]
3.5 remarc*
3 reagend*
3.5 mudar meu horario
3.5 mudar o horario
3.5 mudar a reserva
3.5 mudar a data
3 mudar o dia
3 mudar para
2 mudar
3.5 trocar o horario
3.5 trocar meu horario
3 trocar de horario
3 trocar o dia
2.5 passar para
2.5 passar pra
2 passar
3 adiar
3 adiantar
3 antecipar
2.5 pode ficar para
2 ficar para
2 em vez de
2 no lugar de
1.5 outro dia
1.5 outro horario
1 mais tarde
1 mais cedo

[cue book]
2.5 marcar
3 queria marcar
3 quero marcar
3 posso marcar
2 tem horario
2.5 tem vaga
1.5 vaga
2 horario para
2 horario pra
3 tiver horario
3 tiver vaga

[cue info_hours]
3 que horas abre
3 que horas voces abrem
3 que horas fecha
2.5 abrem
2.5 fecham
3 horario de funcionamento
2.5 funcionam
2 abertos
2 aberto

[cue info_services]
2.5 voces fazem
2.5 vcs fazem
2 fazem
2 voce faz
2.5 servicos
2 trabalham com

[cue info_prices]
3 custa
2 quanto
2.5 preco
2.5 precos
2 valor

[cue greeting]
1.5 oi
1.5 ola
1.5 bom dia
1.5 boa tarde
1.5 boa noite
1 tudo bem
1 tudo bom
1 como vai

[cue chitchat]
1.5 sim
2 perfeito
1.5 ate mais
2.5 obrigad*
2 valeu
2 tchau
1.5 beleza
1.5 combinado

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
no nome da
no nome do
no nome de
em nome da
em nome do
em nome de
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
nao obrigado
nao obrigada
deixa
deixa pra la
esquece
depois eu vejo
depois te aviso
depois te confirmo
vou pensar
te confirmo depois
ja te aviso
nada

[topic handoff]
falar com uma pessoa
falar com alguem
falar com um atendente
atendente
falar com o gerente
falar com a gerente
falar com um humano
falar com alguem do salao
me passa para alguem
me passa pra alguem
alguem me ligar

[topic medical]
alergia
alergica
alergico
gravida

[topic address]
endereco
onde fica
onde ficam
onde voces ficam
estacionamento

[topic payment]
cartao
pix
dinheiro
pagamento
pagar

[topic expert]
# A question about the customer's own case that someone of the team answers.
da para fazer com
pode fazer com o cabelo
serve para cabelo
funciona em cabelo
e indicado para
posso levar meu
posso levar minha
posso ir com meu
posso ir com minha
posso ir acompanhada
amonia
tenho o cabelo pintado
tenho cabelo pintado
meu cabelo e pintado
meu cabelo e descolorido
tenho luzes

[topic complaint]
reclamacao
reclamar
pessimo
horrivel

[rebook]
# After a cancel cue, what asks for a new booking makes the message a change.
me coloca
me coloque
me colocar
marca
marcar
marque

[takes back]
pensando bem
mudei de ideia
nao espera
nao melhor

[turned down]
nao quero
nao e pra
nao e para
nao precisa
nao precisa de

[service verbs]
cortar
pintar
retocar
alisar
tingir
descolorir

[service objects]
cabelo
franja
raiz
pontas
barba

[service done]
que fiz
que eu fiz
nao durou
de ontem
da semana passada

[service again]
mesmo
mesma
de novo
outra vez
outro

[question words]
onde
quando
como
qual
quanto
quem

[topic staff]
com quem seria
com quem pode ser
quem faz
quem atende

[day part morning]
de manha
pela manha
cedo

[day part afternoon]
a tarde
de tarde
pela tarde
depois do almoco
apos o almoco

[day part evening]
a noite
de noite
pela noite

[any day]
quando tiver
quando voces tiverem
qualquer horario
qualquer dia

[first of the day]
primeira hora
logo cedo
o mais cedo possivel
o mais cedo que
primeiro horario do dia

[last of the day]
# The day's last free time: taken as the time asked.
o ultimo horario
o ultimo que tiver
o mais tarde possivel
mais tarde possivel
no fim do dia
no final do dia

[soonest]
o quanto antes
o mais rapido possivel
o mais cedo possivel
assim que possivel
o primeiro horario
primeiro horario livre
primeiro horario disponivel
proximo horario livre
proximo horario disponivel
quando tem vaga
quando tem horario
quando ela tem
quando ele tem
quando voces tem
quando esta livre
qual o primeiro horario

[asks room]
tem horario
tem vaga
tem lugar
tem algum horario
tem alguma vaga
teria horario
teria vaga
voces tem

[puts off]
depois te escrevo
te escrevo depois
depois eu marco
mais pra frente
outra hora

[other day]
outro dia
outra data
nenhum desses
nenhum deles
nenhum serve
nenhum me serve
nenhum da
nenhum fica bom

[earlier]
hora antes
mais cedo

[later]
hora depois
mais tarde

[farewell]
tchau
ate segunda
ate terca
ate quarta
ate quinta
ate sexta
ate sabado
ate domingo
ate amanha
tchauzinho
ate logo
ate mais

[adds]
tambem
alem disso

[topic duration]
quanto tempo
quanto demora
quanto dura

[topic leave]
# The customer is about to ask something.
uma pergunta
uma duvida
uma dúvida
tenho uma pergunta
tenho uma duvida
posso perguntar uma coisa

[topic late]
vou atrasar
minutos atrasada
minutos atrasado
estou chegando
estou a caminho

[topic bookings]
o que ficou
o que ficou marcado
o que eu tenho marcado
o que tenho marcado
que horas era mesmo
ja ficou marcado
ficou tudo certo
esta confirmado
quais horarios eu tenho
que horarios eu tenho
tenho algum horario marcado
tenho horario marcado
tenho outro horario
tenho algum outro horario
tenho algum horario
quando e meu horario
que horas e meu horario
que horas e minha
quando e minha reserva
tenho horario marcado
minha reserva esta confirmada
meu horario esta confirmado
meus horarios
minhas reservas
ficou marcado
ficou confirmado
nao recebi confirmacao
nao recebi a confirmacao
nao chegou a confirmacao
nao chegou confirmacao
nao recebi o codigo

[no code]
# Asked for a booking code: the customer has none (only read when the code was asked).
nao lembro
nao me lembro
nao tenho o codigo
nao tenho codigo
nao sei o codigo
nao sei qual e
perdi o codigo
nao encontro o codigo
nao recebi o codigo
nao recebi codigo
que codigo

[new booking]
# A new booking, not a change of one: after no booking was found to change, it starts one.
um novo
uma nova
novo horario
horario novo
nova reserva
marcar um
marco um

[other staff]
# Another stylist than the one on the table (who does the service). Only "com …" forms:
# "para outra pessoa" is a booking for someone else.
com outra pessoa
com outra profissional
com outro profissional
com outra moca
com alguem mais

[all of them]
todos
todas
cancela tudo
cancelar tudo
os dois
as duas
ambos
ambas

[both]
os dois
as duas
ambos
ambas
tudo junto
juntos

[that one]
esse horario
cancela ele
cancelar ele
muda ele
mudar ele
esse agendamento
o que acabei de marcar

[another]
outro horario
outra reserva
mais um
mais uma
para minha irma
para meu irmao
para minha mae
para minha filha
para meu filho
para minha amiga
para meu amigo
pra minha irma
pra minha mae
pra minha filha
um pra mim
uma pra mim
um para mim
outro pra mim
e pra mim

[right after]
# A booking right after the visit just booked, on its day.
logo depois
logo em seguida
quando ela terminar
quando ele terminar
depois dela
depois dele
depois do meu

[same visit]
# Another booking like the one just made: its service and time, on the day named.
outro igual
outra igual
o mesmo horario
a mesma coisa
mesmo servico

[for a man]
# The visit is a man's ("corte e barba"): a generic service is the men's one.
barba
homem
masculino
meu marido
meu namorado
meu filho
meu pai
meu irmao

[for two]
pra mim e
para mim e
eu e minha
eu e meu
duas pessoas
dois horarios
2 pessoas
2 horarios
para as duas
pras duas
para os dois
pros dois

[relatives]
# Who else a booking may be for: "para mi amiga Julieta" is in Julieta's name.
amiga
amigo
filha
filho
irma
irmao
mae
pai
namorada
namorado
esposa
esposo
marido
mulher
sobrinha
sobrinho
prima
primo
tia
tio
avo
sogra
cunhada

[corrects]
# The customer corrects what she asked or booked ("eu quis dizer pedicure", "na verdade era
# manicure"); the change is confirmed before it is made.
eu quis dizer
quis dizer
na verdade
em vez de
era pra
era
me enganei
troca para
troca pra

[name leads asked]
# Leads of a name that count only when the reply asked for the booking's name.
se chama
o nome e
e para

[again]
# The visit just cancelled, booked again.
marcar de novo
marca de novo
pode marcar de novo
remarcar
volta a marcar

[ends at]
# When the visit ends, asked.
que horas eu termino
que horas termino
que horas eu saio
que horas vou sair
a que horas termina
que horas termina
