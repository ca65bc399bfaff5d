# Spanish (Rioplatense, WhatsApp style) words the rule reader knows. One entry per line, folded (lower case, no
# accents). In `[cue <intent>]` sections a weight comes first, then the phrase; a trailing `*`
# matches any word starting with the stem. See src/nlu/lexicon/mod.rs for what each section does.

[cue cancel]
3 cancel*
3 das de baja
3 dan de baja
3 anul*
3 dar de baja
3 bajame
3 bajalo
3 bajar el turno
2.5 borrame
2.5 borra el turno
2.5 suspend*
2 no voy a poder ir
1.5 no voy a poder
2 no puedo ir
2 no voy a ir
2 no podre ir
1.2 no voy a llegar
1 se me complico
2.5 sacame el turno
2.5 sacame nomas el turno
1 me surgio algo
2.5 saca el turno
2 elimina*
3 cancel
3 desisto
3 sin efecto
2 liberar
2.5 liberarlo
2.5 ya no necesito
3 sacame de la agenda
2.5 bajas
3 lo bajan
2.5 bajen
1.2 no voy
1 no puedo
0.8 no me da
3 cancelame

[cue reschedule]
3 cambiar de estilista
3 cambiar de peluquera
3 cambiar de peluquero
3.5 reprogram*
3 me lo dejas para
3 me la dejas para
3 dejamelo para
3 dejamela para
3.5 cambiar el turno
3.5 cambiar mi turno
3.5 cambiar un turno
3.5 cambiar la reserva
3.5 cambiar mi reserva
3.5 cambiar una reserva
3.5 modificar el turno
3.5 modificar mi turno
3.5 modificar un turno
3.5 cambiar la fecha
3.5 cambiar el dia
3.5 cambiar el horario
3.5 cambiar la hora
3 cambiame
3 cambialo
3.5 cambio de turno
3.5 cambio de horario
3.5 cambio de dia
3.5 cambia el turno
3 cambiar el de
3.5 pasar el turno
3.5 pasar mi turno
3 pasarlo
3 pasamelo
3 pasamela
2.5 cambiamelo
3 pasalo
2.5 pasame
2.5 pasarme
2.5 mover
3 moverlo
3 movelo
3 moveme
3 posponer
3 postergar
3 postergarlo
3 adelantar
3 adelantarlo
3 adelantame
3 atrasar
3 atrasarlo
3 correr el turno
3 correr mi turno
3 lo cambias
3 la cambias
3 correrlo
3 correlo
3 corremelo
3 lo corres
3 lo podes correr
3 lo podras correr
3 lo puedo correr
3 lo podemos correr
3 me lo podes correr
3 lo podes mover
3 lo puedo mover
3 lo podes pasar
3 lo puedo pasar
3 lo podemos pasar
2 en vez de
2 en lugar de
1.5 otro dia
1.5 otro horario
1.5 otra hora
1.5 otra fecha
1.5 no llego
2.2 pasar
2.5 pasas
3 pasarla
3 pasala
3 mueven
3 me mueven
2.5 mueve
3 cambiar para
1.6 cambiar
3 cambiarlo
3 cambiarla
2 otro dia
2 otra hora
3.5 reagendar
3.5 reprogramame
1 mas tarde
1 mas temprano

[cue book]
1.5 turno
2 un turno para
1.5 turnito
1 turnos
2 reserv*
2 agend*
2.5 sacar turno
2.5 sacar un turno
2.5 tenes lugar
2.5 tienen lugar
2.5 hay lugar
1.5 tenes algo
1.2 tienen algo
2 quiero repetir
2 repetir con
1.2 lugar
2 disponib*
2 puedo ir
2 podria ir
2.5 me anoto
2.5 anotame
2.5 me anotas
2 cita
1.5 quiero hacerme
1.5 me quiero hacer
1.5 quisiera hacerme
1.5 queria hacerme
1.5 necesito hacerme
0.8 quiero un
0.8 quiero una
0.8 quisiera un
0.8 queria un
0.8 se puede
2 hay hueco
1.5 hueco
1 espacio
1 me haces
0.8 me hacen
0.8 para ir
1 me das
0.8 dame
1.2 libre

[cue info_prices]
3 cuanto sale
3 cuanto salen
3 cuanto cuesta
3 cuanto cuestan
3 cuanto esta
3 cuanto estan
3 cuanto cobran
3 cuanto cobras
3 cuanto vale
3 cuanto valen
3 cuanto seria
3 cuanto saldria
3 cuanto me sale
3 cuanto me saldria
3 cuanto me cobrarian
2.5 cuanto es
1.5 cuanto
# Missing a letter ("kuanto", with a k, is read as it sounds).
3 cuato sale
3 cuato cuesta
2.5 cuanta plata
3 precio*
2.5 valor*
2.5 costo*
2 cuesta
3 tarifa*
2.5 presupuesto
3 lista de precios
2 que sale
0.8 sale
0.8 salen
0.3 caro
3 sale lo mismo
3 cuesta lo mismo
3 mismo precio
3 el mismo valor
3 mas barato
2.5 mas caro
3 sale menos
3 sale mas
2.5 cobran
2.5 cobras
1.5 abonar
2.5 cuanto me
3 a cuanto

[cue info_hours]
3 horario*
2.5 a que hora
1.5 que hora
3 hasta que hora
3 desde que hora
2.5 abren
2 abre
2 abris
2 abrian
2 abierto
2.5 abiertos
2.5 abiertas
2.5 cierran
2 cierra
2 cerrado
2 cerrados
2.5 atienden
1.5 atiende
2 atendes
2 trabajan los
2 trabajan el
2 que dias
1.5 hasta cuando
1.5 feriado*
3 hasta q hora
2.5 a q hora
1.5 q hora
3 estan hasta
3 todavia estan
2.5 trabaja los
2.5 trabaja el
1.2 hasta las
3 abierto hoy
3 que horario

[cue info_services]
2 duele
2 es doloroso
2.5 servicio*
2.5 que hacen
1.8 hacen
1.8 haces
1 tienen
2 trabajan con
1.2 trabajan
2.5 ofrecen
2 se puede hacer
1.5 se hace
1.5 que es
2.5 en que consiste
1.5 tratamiento*
1.5 me recomendas
1.5 me recomiendan
1.5 que me conviene
2 cuanto dura
2 cuanto tarda
1 dura
1.5 hay alguien que
2 quien hace
1 quien me
1 con quien
1.5 menu
2 catalogo
0.8 que onda
1.8 hace
2 se hace
2.5 diferencia
2.5 es lo mismo
2.5 sirve para
2 algo para
2 algo pa
3.5 cuanto dura
3.5 cuanto tiempo
3.5 cuanto lleva
3.5 cuanto tarda
3 tarda mucho
3 demora mucho
2.5 dura el
2.5 dura la
2.5 me dura
3 lleva hacerse
2 que productos
1.5 usan
2.5 trabajan con
1.5 como es
3 que incluye
2 incluye
2 arreglan
2.5 me lo arreglan
2 recomendas
2 recomiendan
2 averiguar por
2 averiguar sobre
2.5 informacion sobre
2.5 info sobre

[cue greeting]
2 hola
2 holis
2 holas
2 buenas
2 buen dia
2 buenos dias
2 buenas tardes
2 buenas noches
1.5 que tal
1.5 como andan
1.5 como estan
1.2 como va
1.5 ola
1 alo
2 buenass
1.5 ey
2 buenass
2 holi
1 que onda

[cue chitchat]
2.5 gracias
2.5 graciass
3 muchas gracias
3 mil gracias
2 genial
2 perfecto
2 ok
2 oka
2 okey
2 dale
2 de nada
2 jaja*
2 jeje*
2.5 chau
2.5 chao
2.5 nos vemos
2.5 hasta luego
1.5 hasta manana
2 joya
2 barbaro
2 listo
2 buenisimo
2 excelente
1.5 si
1.5 sip
1 no
1.2 bueno
2 entendido
2 de acuerdo
2 un beso
2 besos
1.5 saludos
2 confirmo
0.8 soy
1.5 me llamo
1.5 mi nombre
1.5 mi cel
1.5 mi celular
1.5 mi telefono
1.5 mi numero
1.5 mi mail
1.5 mi email
1.5 mi correo
1 ahi va
1.5 ya esta
1.5 me encanto
1.5 los amo
1 ❤
2 sisi
2 si si
2 re bien
1.2 bien
2 equivoque
2.5 me equivoque
3 perfecto gracias
3 dale gracias
3 ok gracias
3 genial gracias
3 buenisimo gracias
1 ahi te
1.5 te aviso
1.5 les aviso
2 despues les confirmo
2 despues te confirmo

[cue other]
4 la sena
4 de sena
2.5 me compre
1.5 no anda
2.5 gift card*
2.5 giftcard*
2.5 tarjeta de regalo
2 voucher
1.5 regalo
2 promo*
2 descuento*
2 trabajo
3 busqueda laboral
3 curriculum
2.5 cv
2.5 empleo
2.5 wifi
1.5 baño
2 mascota*
1.5 perro
2.5 futbol
2.5 clima
2.5 receta
1.5 bot
1.5 robot
2 inteligencia artificial
2.5 chiste
2.5 politica
2 dolar
2 tarea
2 factura
1.5 productos
3 venden
1 shampoo
2.5 franquicia
2 proveedor*
2 sorteo
2 instagram
1.5 resena
2.5 nadie me responde
2.5 verguenza
2.5 perro
2.5 perra
3 mi perro
2.5 estacionamiento
3 wifi
2.5 instagram
1.5 jubilados
2.5 descuento
1.5 bot
3 sos un bot
2.5 empleo
3 trabajar con ustedes
2.5 buscan peluquer*
2.5 buscan manicur*
2.5 buscan personal
2.5 tengo experiencia
2.5 cbu

[name leads]
soy
me llamo
mi nombre es
el nombre es
a nombre de
habla
de parte de
saludos
nombre
firma

[not a name]
la
el
los
las
de
del
y
que
q
un
una
yo
muy
re
nueva
nuevo
cliente
clienta
mama
papa
hija
hijo
novia
novio
amiga
amigo
quien
alergica
alergico
embarazada
turno
para
con
por
a
en
mi
tu
su
si
no
hola
gracias
quiero
queria
tengo
de
tenia
estoy
era
fui
sera
bien
mal
la
se
lo
le
me
te
nos
les
ya
tambien
tmb
recien
nueva
vos
usted
ok
dale
chau
mañana
manana
hoy
cel
celular
telefono
mail
email
correo
numero
es
a
pero
o
u
e
al
besos
beso
abrazo
saludos
perdon
disculpas
aca
aqui
ese
esa
eso
este
esta
esto
esos
esas
aquel
aquella
mismo
misma

[common names]
ana
maria
laura
lucia
sofia
sofi
martina
valentina
camila
julieta
agustina
florencia
flor
carla
paula
micaela
mica
romina
romi
natalia
nati
daniela
dani
gabriela
gabi
andrea
silvia
patricia
claudia
monica
marta
norma
susana
graciela
beatriz
rosa
carmen
elena
lorena
veronica
vero
mariana
marina
carolina
caro
juliana
juli
milagros
mili
belen
abril
candela
cande
rocio
luciana
luli
victoria
vicky
antonella
anto
pilar
catalina
cata
josefina
jose
guadalupe
guada
emilia
delfina
delfi
malena
male
brenda
celeste
cecilia
ceci
eugenia
euge
ines
ivana
jimena
jazmin
lara
lila
luz
mercedes
mecha
noelia
pamela
pame
sabrina
sol
soledad
tamara
vanesa
vane
yamila
yanina
zoe
juan
pedro
pablo
diego
martin
tincho
nicolas
nico
lucas
mateo
santiago
santi
tomas
tomi
facundo
facu
federico
fede
gonzalo
gonza
javier
javi
jorge
luis
carlos
miguel
alejandro
ale
sebastian
seba
matias
mati
agustin
agus
franco
ignacio
nacho
joaquin
joaco
ramiro
rodrigo
roberto
ricardo
raul
sergio
hernan
gustavo
fernando
fer
marcos
emiliano
leandro
lean
maximiliano
maxi
ezequiel
eze
cristian
damian
esteban
gaston
hugo
ivan
julian
mariano
oscar
ruben
walter
valeria
vale
mora
morena
bianca
renata
olivia
isabella
lourdes
estela
alicia
teresa
lidia
irene
ester
nora
olga
stella
mirta
adriana
liliana
viviana
alejandra
fernanda
tatiana
melina
melisa
marcela
jessica
karina
judith
dolores
lola
clara
sara
emma
mia
chiara
ailen
aylen

[men's names]
# First names only a man bears (in Spanish, English and Portuguese); the customer so named,
# booking for themself, gets a generic service's men's version. Leave out names women bear too.
aaron
adam
adrian
agustin
alberto
alejandro
alfredo
andre
andres
andrew
anthony
antonio
austin
axel
bautista
benjamin
brandon
brian
bruno
camilo
carlos
cesar
charles
christian
christopher
claudio
cristian
damian
daniel
dario
david
dennis
diego
eduardo
edward
elias
emanuel
emiliano
enrique
eric
esteban
ethan
ezequiel
fabian
facundo
fausto
federico
felipe
fermin
fernando
francisco
franco
frank
gabriel
gary
gaston
george
gerardo
german
gonzalo
gregory
guillermo
gustavo
hector
henry
hernan
horacio
hugo
ignacio
ivan
jack
jacob
james
javier
jeremy
jeronimo
joao
joaquin
john
jonathan
jorge
jose
joshua
juan
julian
justin
kevin
kyle
larry
lautaro
leandro
leonardo
lisandro
lorenzo
lucas
luis
luiz
manoel
manuel
marcelo
marcos
mariano
mario
mark
martin
mateo
mateus
matias
matthew
mauricio
maximiliano
michael
miguel
nahuel
nathan
nestor
nicholas
nicolas
noah
norberto
omar
oscar
osvaldo
pablo
pascual
patricio
patrick
paul
paulo
pedro
peter
rafael
raimundo
ramiro
ramon
raul
ricardo
richard
robert
roberto
rodrigo
ruben
ryan
salvador
santiago
scott
sean
sebastian
sebastiao
sergio
silvio
stephen
steven
thiago
thomas
tomas
tyler
ulises
valentin
victor
vinicius
walter
william
zachary

[service words]
microblading
tenido
masaje
masajes
depilacion
depilaciones
tatuaje
tatuajes
barba
trenzas
trenza
trencitas
trenzitas
permanente
maquillaje
limpieza
peeling
extensiones
esculpidas
acrilicas
ondas
rulos
tratamiento
hidratacion
nutricion
botox
decoloracion
platinado
rapado
afeitado
laminado
henna
dermaplaning
bano
shock
cauterizacion
matizacion
matizado
reconstruccion
ozonoterapia
piercing
perforacion
microneedling
radiofrecuencia
drenaje
lifting
tintura
tinte
flequillo
mechones
peinados
manicuria
pedicuria
esmaltado
pestanas
cejas
facial
faciales
cosmetologia
spa
maderoterapia
reflexologia
micropigmentacion
dermapen
balayage
lavado
ampollas
ampolla
podologia
tratamientos
perfilado
retoque
mechon
despunte
planchado
nail
alisado
peinarme
peinarnos
peinarse
maquillarme
depilarme

[service complements]
esculpidas
acrilicas
californianas
californiana
semipermanente
semi
capilar
facial
laser
definitiva
caballero
masculino
fantasia
gel
soft
francesas
kapping
express
completa
completo
reductores
descontracturantes
descontracturante
relajantes
relajante
corporal
profunda
organico
organica
quimico
progresivo
progresiva
capilares
art
social
comun

[service of]
pelo
cejas
pestanas
manos
pies
barba
unas
piernas
axilas
bozo
cabello
raiz
raices
crema
keratina
hombre
mujer
dama
caballero
fiesta
novia
color
cutis
rostro
espalda
cavado
brazos
varon
oreja

[yes]
si
sí
dale
confirmo
confirmado
confirmar
ok
okey
oka
perfecto
listo
joya
de una
va
bueno
buenisimo
genial
claro
obvio
barbaro
correcto
exacto
confirma
confirmame
agendalo
reservalo
hacelo
sii
sip
siii
confirmadisimo
confirmadisima
confirmada
mandale
metele

[no]
no
nop
nah
tampoco
negativo
mejor no
dejalo
olvidalo

[closing]
te escribo mas tarde
te aviso mas tarde
lo veo mas tarde
no gracias
no muchas gracias
deja
deja nomas
dejalo
dejala
olvidalo
olvidate
mejor no
despues te escribo
despues te aviso
despues te confirmo
te confirmo despues
te confirmo mas tarde
ya te confirmo
lo voy a pensar
lo consulto
lo charlo
ya te aviso
te escribo despues
despues lo veo
despues veo
te aviso
lo pienso
otro dia
nada
ya fue
no quiero nada
no importa gracias
ya no importa
no importa igual

[topic policy]
# A policy question someone of the team explains (a handoff), unless the business's own
# `[[faq]]` answers it.
con cuanta anticipacion
cuanta anticipacion
politica de cancelacion
se cobra si cancelo
me cobran si cancelo

[topic handoff]
hablar con una persona
hablar con alguien
hablar con un humano
hablar con una humana
con una persona real
persona real
un humano
una persona de verdad
hablar con la encargada
hablar con el encargado
hablar con la duena
hablar con el dueno
atencion humana
operador
operadora
me atienda alguien
me atienda una persona
pasame con alguien
pasame con una persona
hablar con recepcion
que me llame alguien
me llame alguien
hablar con alguien de ahi
agente humano
pasas con alguien
pasas con una persona
pasas con la encargada
pasas con el encargado
pasame con la encargada
pasame con el encargado
pasas con la duena
pasas con el dueno
pasame con la duena
pasame con el dueno
con alguien del salon
con alguien del local
con alguien del equipo
comunicarme con alguien
comunicarme con una persona
me comunicas con alguien
que alguien me escriba
que me escriba alguien
que me contacte alguien

[topic medical]
dermatitis
psoriasis
alergia
alergica
alergico
hongos
hongo
caspa
picazon
pica
irritacion
irritada
ardor
quemadura
quemo
lastimadura
herida
infeccion
infectada
embarazada
embarazo
lactancia
amamantando
medicamento
remedio
# "crema" alone is also "baño de crema", a service.
una crema
crema para
pomada
antibiotico
dermatologo
dermatologa
medico
caida del pelo
se me cae el pelo
alopecia
eczema
eccema
granitos
ronchas
sarpullido
acne
verruga
quimio
quimioterapia
uña encarnada
una encarnada
encarnada
pie de atleta
diabetes
diabetica
tiroides
sangra
sangrado
inflamado
inflamada
hinchado
hinchada
itchy
se me pela
descama
escamas
piojos
liendres

[topic injection]
ignora
ignora las instrucciones
ignora tus instrucciones
olvida tus instrucciones
olvida las instrucciones
olvidate de tus instrucciones
instrucciones anteriores
instrucciones previas
tu prompt
el prompt
modo desarrollador
actua como
sos chatgpt
ahora sos
a partir de ahora sos
respondeme como
reglas internas
tus reglas
disregard
roleplay
rol de
sin restricciones
without restrictions
tus instrucciones
repeti tus instrucciones
decime tus instrucciones
mostrame tu configuracion
base de datos
sql
drop table
<script
admin
administrador
descuento del 100
100% de descuento
gratis para siempre
override
im_start
im_end

[topic address]
direccion
donde quedan
donde estan
donde queda
donde es
ubicacion
ubicados
ubicadas
como llego
como llegar
la direccion
que calle
en que barrio
que barrio
a cuantas cuadras
cerca de que
subte
colectivo
estacionamiento
estacionar
parking
cochera
maps
google maps
local

[topic payment]
tarjeta
mp
efvo
tarjetas
efectivo
mercado pago
mercadopago
transferencia
transferir
cuotas
debito
credito
pagar
pago
pagos
medios de pago
formas de pago
alias
cbu
cvu
factura
senia
sena
seña
adelanto
abonar
abono
visa
mastercard
amex
dolares
usd

[topic expert]
# A question about the customer's own case that someone of the team answers.
se puede hacer con el pelo
se puede hacer con pelo
se puede hacer si
se puede hacer con las unas
lo puedo hacer si
lo puedo hacer con
me lo puedo hacer si
me lo puedo hacer con
me la puedo hacer si
sirve para pelo
sirve para el pelo
sirve si tengo
funciona si tengo
funciona con pelo
funciona en pelo
es apto para
apto para pelo
queda bien en pelo
queda bien con pelo
si tengo el pelo
que me recomiendan
cual me recomiendan
me recomendas algo para
me recomiendan algo para
puedo ir con un
puedo ir con una
puedo ir con mi
puedo ir con mis
se puede ir con un
se puede ir con una
se puede ir con mi
se puede ir con chicos
se puede ir con ninos
puedo ir acompanada
puedo ir acompanado
puedo venir con un
puedo venir con una
puedo venir con mi
puedo venir acompanada
puedo venir acompanado
puedo llevar a mi
puedo llevar al
puedo llevar a los
se puede llevar
lo tienen anotado
tienen anotado
lo tienen registrado
tienen registrado
que tono era
que tono me
que color era
que formula
productos veganos
producto vegano
trabajan con productos
que productos usan
que productos usas
que productos utilizan
que marca usan
que marca usas
que marcas usan
que marca de
cruelty free
con formol
sin formol
tiene formol
tienen formol
lleva formol
llevan formol
amoniaco
tengo el pelo tenido
tengo el pelo decolorado
tengo el pelo quemado
tengo el pelo muy danado
tengo el pelo danado
tengo el pelo con mechas
si tengo mechas
si tengo color
si tengo tintura
tengo mechas se puede
tengo tintura se puede

[topic complaint]
re desparejo
quedo manchado
quedo manchada
quedo re manchado
quedo todo manchado
no estoy contenta
no estoy conforme
no quede contenta
no quede conforme
cobraron de mas
me cobraron mal
me cobraron mas
me devuelven la plata
devuelvan la plata
me lo rehagan
rehagan sin cargo
queja
me quedo naranja
me quedo verde
me quedo amarillo
me quedo desparejo
me quedo mal
me quedo feo
me quedo fea
quedo desparejo
quedo naranja
se me salto
se me saltaron
se me levanto
se me levantaron
se me fue el color
quiero una solucion
no me gusto como
me lo arreglen
me lo arreglan
que me lo arreglen
reclamo
quejarme
reclamar
horrible
pesimo
pesima
un desastre
me arruinaron
me quedo horrible
me dejaron
mal atendida
mal atendido
maltrato
devolucion
devuelvan
reembolso
estafa
verguenza
nunca mas
malisimo
malisima
indignada
indignado

[rebook]
# After a cancel cue, what asks for a new booking makes the message a change ("cancelá el
# jueves y dame el viernes").
sacar
sacame uno
sacame otro
poneme
reservame
agendame
dame
anotas
anotame
me anotas
uno el
otro para
pasa

[takes back]
# The request before these is taken back when another follows ("cancelalo… no, espera,
# mejor pasalo al viernes", "pero pensándolo bien prefiero cancelarlo").
no espera
espera no
no mejor
no no mejor
pensandolo bien
pensandolo mejor
bah mejor
perdon mejor
me arrepenti
cambie de idea
mejor al final

[turned down]
# The intent cue right after these does not count ("No es para reprogramar, quiero uno
# nuevo", "no quiero cancelar, quiero cambiarlo").
no quiero
no es para
no necesito
no busco
no hace falta
sin

[service verbs]
cortar
cortarme
cortarle
cortarse
retocar
retocarme
retocarle
tenir
tenirme
tenirle
tenirse
alisar
alisarme
alisarle
decolorar
decolorarme

[service objects]
pelo
cabello
franja
flequillo
raiz
raices
canas
puntas
barba

[service done]
me duro
# Right after a service with its article: it was done already ("el semi q me hicieron").
me hicieron
me hice
me hizo
me hiciste
me quedo
no me duro
se me salto
se me fue
se me cayo
de la semana pasada
del otro dia
de ayer

[service again]
mismo
misma
otra vez
de nuevo
repetir
otro

[question words]
donde
cuando
como
que
cual
cuanto
cuanta
cuantos
quien
quienes
hasta
acepta
aceptan
tienen
hacen

[topic staff]
quien me recomendas
quien me recomiendan
a quien me recomendas
quien es mejor para
quien es la mejor para
quien es el mejor para
con quien seria
con quien puede ser
con quien podria ser
con quien me conviene
con quien me toca
con quien lo hago
quien me atiende
quien me atenderia
quien lo hace
quien la hace
quien me lo hace
quien me la hace
quien me lo haria
quien me la haria
quien corta
quien me corta
quien me va a atender
quien hace
quienes hacen
quien atiende
quienes atienden
cual es la que hace
cual es el que hace
cual es la chica que hace
cual de las chicas hace
quien me puede hacer
quien me podria hacer
quien sabe hacer
quien de ustedes hace

[day part morning]
a la manana
por la manana
de manana temprano
temprano
tempranito
a primera hora

[day part afternoon]
a la tarde
despues del almuerzo
despues de almorzar
despues de comer
por la tarde
de tarde
la tarde
la tard
tardecita
a la siesta
despues del colegio
despues de la escuela
a la salida del colegio
a la salida de la escuela

[day part evening]
a la noche
a la nochecita
nochecita
por la noche
de noche
ala noche
despues del trabajo
despues de trabajar
despues del laburo
despues de laburar
a la salida del trabajo

[any day]
cuando tengas
cuando tenes
cuando tienen
cuando hay lugar
cuando hay turno
cuando me podes dar
cuando me lo podes dar
que dias tenes
que dia tenes
que dias tienen
que tenes libre
que tenes disponible
que dias tenes libre
cuando tengan
cuando haya lugar
cuando te quede mejor
cuando les quede mejor
el dia que quieras
me da igual el dia
me da lo mismo el dia
el que tengas libre
cualquier dia
cualquier otro dia
otro dia cualquiera
cualquier fecha
cualquier otra fecha
el dia que sea
el dia que tengas
# "no importa" alone answers a question ("¿con alguien en especial?"); it closes nothing.
no importa el dia
no importa cuando
no me importa el dia

[first of the day]
a primera hora
primera hora
bien temprano
lo mas temprano posible
lo mas temprano que
el primero del dia
el primer turno del dia
el primer horario del dia
el primer turno de la manana
el primer horario de la manana

[last of the day]
# The day's last free time: taken as the time asked.
lo ultimo que tengas
lo ultimo que tenes
lo ultimo que haya
lo ultimo del dia
el ultimo turno
el ultimo horario
el ultimo que tengas
el ultimo que tenes
lo mas tarde posible
lo mas tarde que tengas
lo mas tarde que tenes
lo mas tarde que se pueda
lo mas tarde que puedas
lo mas tarde que haya
la mas tarde que haya
la mas tarde que tengas
la mas tarde posible
el mas tarde que haya
el mas tarde que tengas
al final del dia
a ultima hora

[soonest]
lo antes posible
lo antes que puedas
lo antes que se pueda
lo antes que tengas
cuanto antes
lo mas pronto posible
lo mas pronto que
lo mas cerca posible
lo mas proximo
el mas proximo que
el mas cercano que
lo primero que tengas
lo primero que haya
lo primero libre
lo primero disponible
el primero que tengas
el primero que haya
el primero libre
el primero disponible
el primero que tenga
el primero que tengan
lo primero que tenga
lo primero que tengan
el primero que se pueda
el primer dia que
el primer dia libre
el primer dia disponible
el proximo que tengas
el proximo que tenga
el mas proximo
lo mas pronto
el primer turno que
el primer turno libre
el primer turno disponible
el primer lugar que
el primer lugar libre
el primer horario que
el primer horario libre
el primer horario disponible
el proximo turno libre
el proximo turno disponible
el proximo lugar libre
el proximo horario libre
el turno mas proximo
el turno mas cercano
el que tengas mas cerca
el que tengas mas pronto
lo que tengas mas cerca
lo que tengas mas pronto
lo mas cercano
el mas cercano
cuando tiene libre
cuando tenes libre
cuando tienen libre
cuando tiene lugar
cuando tenes lugar
cuando tienen lugar
cuando hay lugar
cuando tiene turno
cuando tenes turno
cuando tienen turno
cuando hay turno
cuando tiene disponible
cuando tenes disponible
cuando esta libre
que dia tiene libre
que dias tiene libre
que dia tenes libre
que dias tenes libre
que dia tiene lugar
que dia tenes lugar
cuando me podes dar
cuando me podrias dar

[asks room]
tenes para
tienen para
tendras
tendrias
tendrian
tenes lugar
tienen lugar
hay lugar
habra lugar
tenes turno
tienen turno
hay turno
tenes algo
tienen algo
hay algo
hay disponibilidad
tenes disponibilidad
tienen disponibilidad

[puts off]
# A new booking mentioned for later is no change now ("cancelalo, después te escribo para
# sacar otro").
despues te escribo
te escribo despues
te escribo mas tarde
despues te aviso
te aviso despues
te aviso mas tarde
mas adelante
en otro momento
despues saco
despues veo
lo pienso
lo voy a pensar

[other day]
otro dia
otra fecha
otro dia mejor
ninguno me sirve
ninguno me queda
ninguno me viene
ninguno me va
ninguno de esos
ninguna de esas
no me sirve ninguno
no me queda ninguno
no me viene ninguno
no me va ninguno
no me sirve ninguna
no me queda ninguna

[earlier]
hora antes
horas antes
minutos antes
mas temprano
mas tempranito
algo antes
un poco antes
un rato antes
# "¿me lo podés adelantar una hora?"
adelantar una hora
adelantar media hora
adelantarlo una
adelantarla una
adelantarlo media
adelantarla media
adelantar un poco
adelantarlo un poco
adelantarla un poco

[later]
hora despues
horas despues
minutos despues
mas tarde
mas tardecito
algo despues
un poco despues
un rato despues
# "¿se puede correr una hora?": put off, in Argentina.
correr una hora
correr media hora
correrlo una
correrla una
correrlo media
correrla media
correr un poco
correrlo un poco
correrla un poco
lo podes correr
la podes correr
se puede correr

[farewell]
chau
chao
chauu
adios
nos vemos
hasta luego
hasta la proxima
buen finde
buen fin de semana

[adds]
tambien
ademas
agregame
me agregas
me sumas
agregas
agregale
agregar
agregarle
sumame
sumale
sumar
sumarle

[topic duration]
cuanto tarda
cuanto dura
cuanto demora
cuanto tiempo lleva
cuanto tiempo tarda
cuanto tiempo dura
cuantas horas
tarda mucho
demora mucho
dura mucho
lleva mucho tiempo
cuanto lleva
cuanto tiempo es
cuanto tiempo se tarda
cuanto tiempo me lleva

[topic leave]
# The customer is about to ask something: "una consulta", "te hago una pregunta".
una consulta
una pregunta
una duda
una consultita
una preguntita
tengo una consulta
tengo una duda
te hago una consulta
te hago una pregunta
te consulto algo
queria consultar
quería consultar
queria hacer una consulta
puedo hacer una consulta
puedo preguntar algo
te puedo preguntar algo

[topic late]
# On the way or running late: noted, nothing moves.
llego tarde
llego unos minutos tarde
minutos tarde
min tarde
voy a llegar tarde
vamos a llegar tarde
llegando tarde
estoy llegando
ya estoy llegando
estoy en camino
voy en camino
ya salgo para ahi
estoy yendo
me demoro
voy demorada
voy demorado
llego un poco tarde
llego un toque tarde
me esperan
me esperas
me podes esperar
me pueden esperar
me voy a demorar
me voy a retrasar
voy a demorar
estoy demorada
estoy demorado

[topic bookings]
que turnos me quedan
cual es mi codigo
cual era mi codigo
cual es el codigo de mi turno
lista de lo que tengo
como me quedo todo
que turno me queda
que reservas me quedan
cuales me quedan
me queda algun turno
me quedan turnos
ahora quedo
ya quedo
entonces quedo
ya esta reservado
ya esta confirmado
a que hora era al final
que dia era al final
a que hora era
que dia era
a que hora es mi turno
a que hora tengo el turno
a que hora tengo turno
a que hora tenia el turno
que dia es mi turno
que dia tengo el turno
cuando es mi turno
cuando era mi turno
igual tengo el turno
igual tengo turno
sigo teniendo el turno
sigo teniendo turno
todavia tengo el turno
tengo el turno igual
que turnos tengo
que turno tengo
que reservas tengo
cuales son mis turnos
cual es mi turno
tengo algo reservado
tengo algo agendado
tengo algun otro turno
tengo otro turno ya
ya tengo otro turno
tengo mas turnos
tengo algun otro
quedo el turno
quedo mi turno
quedo reservado
que me quedo
que me queda al final
que turno me quedo
que turnos me quedaron
que tengo reservado
que tengo agendado
que tengo sacado
que tengo al final
y entonces que tengo
entonces que tengo
que tengo entonces
quedo reservada
quedo agendado
quedo agendada
quedo confirmado
quedo confirmada
quedo la reserva
quedo hecha la reserva
esta confirmado mi turno
esta confirmado el turno
esta confirmada mi reserva
sigue en pie
sigue en pie mi turno
a que hora era mi turno
a que hora era
a q hora era
a que hora es mi turno
a que hora tengo turno
a que hora tengo el turno
que dia era mi turno
que dia es mi turno
que dia tengo turno
cuando es mi turno
cuando era mi turno
cuando tengo turno
cuando tengo el turno
mis turnos
mis reservas
tengo algun turno
tengo turno reservado
tengo turnos
recordame el turno
me recordas a que hora
me recordas que dia
me recordas cuando
me recordas el turno
me recordas mi turno
a que hora tenia
que dia tenia
con quien era
con quien es mi turno
con quien tengo el turno
con quien tengo turno
con quien tenia
recordame el turno
recordame cuando
recordame a que hora
no me acuerdo cuando
no me acuerdo a que hora
no me acuerdo que dia
me confirmas si quedo
me confirmas si tengo
me confirmas el turno que tengo
me confirmas mi turno
me confirmas mi reserva
confirmame mi turno
confirmame el turno que tengo
tengo turno esta semana
tengo turno para esta semana
tengo algun turno esta semana
tengo turno este mes
no me acuerdo si mi turno
no me acuerdo si el turno
no me acuerdo si tenia
no me acuerdo si era
no se si mi turno era
no se si mi turno es
no me llego confirmacion
no me llego la confirmacion
no me llego ninguna confirmacion
no me llego el codigo
no me llego el mensaje de confirmacion
no recibi confirmacion
no recibi la confirmacion
no recibi el codigo
no recibi ninguna confirmacion
nunca me confirmaron
no me confirmaron el turno
no me confirmaron la reserva

[no code]
# Asked for a booking code: the customer has none (only read when the code was asked).
no me acuerdo
no me lo acuerdo
no recuerdo
no lo recuerdo
no tengo el codigo
no tengo codigo
no lo tengo
no tengo ningun codigo
no se el codigo
no se cual es
no lo se
ni idea
perdi el codigo
lo perdi
se me perdio
no lo encuentro
no encuentro el codigo
borre el mensaje
borre el chat
no me dieron codigo
no me dieron ningun codigo
no me llego el codigo
no me llego ningun codigo
que codigo

[new booking]
# A new booking, not a change of one: after no booking was found to change, it starts one.
uno nuevo
una nueva
turno nuevo
nuevo turno
reserva nueva
nueva reserva
sacar uno
saco uno
sacarme uno
reservar uno
reservo uno
pedir uno

[other staff]
# Another stylist than the one on the table (who does the service). Only "con …" forms:
# "un turno para otra persona" is a booking for someone else, not another stylist.
con otra persona
con otra chica
con otro chico
con otra profesional
con otro profesional
con otra estilista
con otro estilista
con otra peluquera
con otro peluquero
con otra manicura
con alguien mas
con otra que no sea

[all of them]
todos
todas
cancela todo
cancelame todo
cancelar todo
cancelen todo
cancelarlo todo
anula todo
anulame todo
los dos
las dos
ambos
ambas
los 2
las 2

[both]
las dos
los dos
ambos
ambas
las 2
los 2
todo junto
las dos cosas
los dos servicios
las tres cosas
las 3 cosas
los tres
las tres
los tres servicios
todo eso
juntos
juntas

[that one]
ese turno
ese mismo
el que acabo de sacar
el que acabo de reservar
el que acabas de reservar
el que recien saque
lo cancelo
la cancelo
lo paso
lo cambio
lo muevo
lo corro
# "me lo podés pasar una hora antes?" right after booking: the booking just made.
me lo pasas
me lo podes pasar
pasamelo
pasalo
me lo cambias
me lo podes cambiar
cambiamelo
cambialo
me lo moves
me lo podes mover
movemelo
movelo
me lo corres
me lo podes correr
corremelo
correlo
lo podes pasar
lo podes cambiar
lo podes mover
lo podes correr

[another]
otro turno
otra reserva
otro mas
otra mas
y otro
y otra
uno mas
para mi hermana
para mi hermano
para mi mama
para mi papa
para mi hija
para mi hijo
para mi amiga
para mi amigo
para mi novia
para mi novio
para mi esposa
para mi marido
para mi sobrina
para mi prima
para mi abuela
para mi suegra
para mi nena
para mi nene
para alguien mas
tmb uno
tambien uno
tmb otro
tambien otro
uno para mi
otro para mi
una para mi
y para mi
para mi tambien
para mi tmb

[right after]
# A booking right after the visit just booked, on its day.
cuando termine
apenas termine
apenas termina
al terminar
cuando termine el
despues del brushing
despues del color
cuando termina
cuando ella termine
cuando el termine
cuando salga
cuando sale
despues de mi corte
despues de mi turno
despues del corte
despues de su turno
despues de ella
despues de el
despues de eso
despues del mio
despues del suyo
justo despues
a continuacion
pegado al mio
pegado al suyo
seguido del mio
seguido del suyo

[same visit]
# Another booking like the one just made ("y otro turno igual para el miércoles siguiente"):
# its service and time, on the day named.
otro igual
otra igual
otro turno igual
otro turno para lo mismo
otro para lo mismo
lo mismo para
uno igual
repetir el turno
el mismo turno
mismo servicio
lo mismo el
lo mismo a las
lo mismo a la
lo mismo pero
mi hermana lo mismo
mi mama lo mismo
mi hija lo mismo
mi amiga lo mismo
tmb uno
tambien uno
para mi igual
igual para mi
uno para mi tambien

[for a man]
# The visit is a man's ("corte y barba", "corte para mi marido"): a service named generically
# ("corte") is the men's one when the catalog has one.
barba
barbas
afeitado
hombre
varon
caballero
masculino
mi marido
mi novio
mi esposo
mi hijo
mi nene
mi papa
mi hermano
mi viejo
mi sobrino
mi abuelo
mi nieto
nene
nino
varoncito

[for two]
# Two people booked at once: the second booking is offered right after the first.
para mi y mi
para mi y para mi
para mi y a mi
yo y mi
somos dos
somos 2
las dos queremos
queremos las dos
dos personas
dos turnos
2 personas
2 turnos
para ambas
para ambos
nosotras dos
nosotros dos
mama y yo
hermana y yo
hermano y yo
amiga y yo
amigo y yo
hija y yo
hijo y yo
novia y yo
novio y yo
marido y yo
esposo y yo
esposa y yo
amiga y para mi
amigo y para mi
hija y para mi
hijo y para mi
hermana y para mi
hermano y para mi
mama y para mi
madre y para mi
papa y para mi
novia y para mi
novio y para mi
marido y para mi
esposo y para mi
esposa y para mi
pareja y para mi
nena y para mi
nene y para mi
prima y para mi
sobrina y para mi
suegra y para mi

[relatives]
# Who else a booking may be for: "para mi amiga Julieta" is in Julieta's name.
amiga
amigo
hija
hijo
hermana
hermano
mama
madre
papa
padre
novia
novio
esposa
senora
esposo
marido
mujer
sobrina
sobrino
prima
primo
tia
tio
abuela
abuelo
suegra
suegro
cunada
cunado
nena
nene
nieta
nieto
compañera
compañero
vecina
vecino

[info objects]
# Beginnings of the words for information a customer asks to be handed ("pasame los
# precios", "me pasás el alias"): after a "pasar" cue they mean no reschedule.
precio
lista
listado
info
informacion
direccion
ubicacion
horario
numero
telefono
mail
email
alias
cbu
foto
catalogo
menu
link
dato
promo
servicio
costo
valor
tarifa

[corrects]
# The customer corrects what she asked or booked. A service named with one of these right
# after booking changes that booking's service ("me equivoqué, era pedicura"); the change is
# confirmed before it is made.
me equivoque
me confundi
no era
era
en vez de
en vez del
en lugar de
en lugar del
quise decir
queria decir
en realidad
cambialo a
cambialo por
cambiala a
cambiala por
cambiamelo a
cambiamelo por
cambiamela a
cambiamela por

[name leads asked]
# Leads of a name that count only when the reply asked for the booking's name ("se llama
# Rosa Díaz" for a mother's booking; out of context, "la chica que me atendió se llama Sofi"
# names no customer).
se llama
su nombre es
es para
a nombre
ponele
ponelo a nombre de
anota
anota a
anotalo a nombre de
anotala a nombre de

[again]
# The visit just cancelled, booked again.
volvelo a sacar
volvela a sacar
volve a sacarlo
volve a sacarmelo
volve a reservarlo
volvelo a reservar
volvelo a agendar
lo podes volver a reservar
lo podes volver a sacar
lo volves a sacar
lo volves a reservar
volver a reservarlo
volver a sacarlo
sacamelo de nuevo
reservalo de nuevo
reservamelo de nuevo
agendalo de nuevo
el mismo turno de nuevo
volve a sacarme el mismo turno

[ends at]
# When the visit ends, asked.
a que hora termino
a que hora terminaria
a que hora estaria terminando
a que hora estaria saliendo
a que hora terminamos
a que hora salgo
a que hora saldria
a que hora me voy
a que hora me iria
a que hora quedo libre
a que hora estaria lista
a que hora estoy lista
hasta que hora me tienen
cuanto termino
a q hora termino
a q hora salgo
