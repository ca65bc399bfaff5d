# English words the rule reader knows. One entry per line, folded (lower case, no
# accents). In `[cue <intent>]` sections a weight comes first, then the phrase; a trailing `*`
# matches any word starting with the stem. See src/nlu/lexicon/mod.rs for what each section does.

[cue cancel]
2.5 drop my booking
2.5 drop my appointment
2 drop my
2.5 call off
2.5 call it off
2.5 no longer need
2 dont need the appointment
2 don't need the appointment
2 dont need my appointment
2 don't need my appointment
2.5 won't need my appointment
2.5 wont need my appointment
2 give it to someone else
1.5 wont be able to come
1.5 won't be able to come
1.5 wont be able to make it
1.5 won't be able to make it
1.2 cant make it
1.2 can't make it
1.2 cant come
1.2 can't come

[cue reschedule]
3.5 reschedule
3 move my
3 move it
2.5 move the
3 push my
3 push it
2.5 push the
2.5 push back
3 bump my
2.5 bump it
3 switch my
2.5 switch it
3 change my
3.5 change my appointment
3.5 change the time
3.5 change the date
3.5 change the day
3 postpone
3 bring it forward
2.5 instead of
2 instead
2 a week later
2 different time
2 diff time
2 different day
2.5 later than planned
2 doesnt work anymore
2 doesn't work anymore
2 no longer works
1.5 would suit me better

[cue book]
2.5 appointment
2.5 book
2 booking
2 any slot
2 available
2 availability
2 can i come
1.5 slot
2 any openings
1.5 are you free
2 schedule me
2 sign me up

[cue info_prices]
3 price*
3 how much
2.5 cost
2.5 costs
2.5 charge
2 charge extra
2 cheaper
1.5 expensive

[cue info_hours]
2.5 open
2.5 opening
2.5 hours
2 close
2 closed
2 closing time
2 schedule
2.5 what time do you
2.5 til what time
2.5 until what time
2 what days
1.5 walk in

[cue info_services]
2.5 do you do
2.5 you guys do
2.5 do u do
2.5 do you offer
2.5 services

[cue greeting]
2 hi
2 hello
1.5 hey
2 good morning
2 good afternoon
2 good evening
2 hello there

[cue chitchat]
1.5 yes
1.5 yeah
1.5 yep
1.5 sure
2 perfect
2 awesome
2 cool
2 see you
1.5 ok
2.5 thank*
2.5 thx
2.5 bye
2 great

[name leads]
my name is
i am
i'm
im
name's
names
this is
it's me
name is
hi it's
hey it's
hello it's
hi its
hey its
hello its
under the name of
under the name
in the name of
put it under
it's for
its for
it is for
book it under

[not a name]
the
and
from
here
there
new
thanks
thx
cheers
hi
hello
hey
sorry
please
visiting
need
would
could
can

[service words]
nail
highlights
keratin
waxing
wax
pedicure
manicure
facials
massage
braids
makeup
lashes
eyebrows
blowout
blowouts
touch-up
trim
fade
brows
brow
mani
pedi
extensions
threading
lash
lift
lifts
dye
gel
acrylics
acrylic
updo
perm
facial
shave
beard

[yes]
yeah
sounds good
sounds great
perfect
great
go ahead
book it
please do
that works
okay
yes
yep
sure

[no]
nope

[closing]
no thanks
no thank you
never mind
nevermind
forget it
leave it
not now
maybe later
i'll let you know
ill let you know
let me think
i'll think about it
i'll get back to you
ill get back to you
i'll confirm later
# Not a bare "later": "can we make it one hour later?" moves a booking.
talk later
talk to you later
text you later
write you later
later then
ok later
nothing

[topic handoff]
talk to a human
talk to a person
real person
speak to someone
speak to a manager
talk to a manager
the manager
talk to someone
speak to a person
speak with someone
talk with someone
speak to a human
talk to staff
someone from the salon
have someone call me

[topic medical]
rash
allergic
allergy
pregnant
rash

[topic injection]
ignore
previous instructions
system prompt
prompt
jailbreak
developer mode
act as
you are now
your instructions
dan mode
system

[topic address]
address
where are you
where is
where exactly
parking
garage
subway

[topic payment]
payment
pay
cash
card
cards
credit card
debit card
credit cards
debit cards
transfer
bank transfer

[service complements]
lift
treatment
shaping
touch-up
extension
extensions
threading
art
nails
fade

[rebook]
# After a cancel cue, what asks for a new booking makes the message a change.
book me
put me
rebook me
give me

[takes back]
wait no
no wait
on second thought
actually no
changed my mind

[turned down]
not
dont
don't
dont want to
don't want to
no need to

[service verbs]
dye
cut
trim
bleach
straighten

[service objects]
hair
bangs
fringe
roots
beard

[service done]
broke
chipped
came off
fell off
didnt last
was great
was amazing
was perfect
was awful
was terrible
is fading
already fading
from last week
from yesterday
i got
peeled
peeled off

[service again]
same
again
another

[question words]
where
when
how
what
which
who
why
do
does
can
is
are

[topic expert]
# A question about the customer's own case that someone of the team answers.
can it be done on
can it be done with
can you do it on
does it work on
does it work with
would it work on
is it suitable
suitable for
can i bring my
can i bring a
can i come with my
can i come with a
ammonia
my hair is dyed
my hair is bleached
i have dyed hair
i have bleached hair
if i have highlights
if my hair is dyed

[topic complaint]
refund
money back
complaint
fix them for free
fix it for free
redo it for free
not happy with

[topic staff]
who does
who would do
who will do
who can do
who would it be with
who is it with
who works there

[day part morning]
in the morning
morning
early

[day part afternoon]
in the afternoon
afternoon

[day part evening]
in the evening
evening
after work

[any day]
whenever you have
whenever works
whenever you can fit me
any time works
any day
whatever day

[first of the day]
first thing
first thing in the morning
earliest
as early as possible
first appointment of the day

[last of the day]
# The day's last free time: taken as the time asked.
latest you have
latest appointment
latest slot
last appointment
last slot
as late as possible

[soonest]
as soon as possible
asap
as early as possible
earliest
soonest
first available
next available
first free
when is she free
when is he free
when are you free
when do you have room
when do you have an opening
when does she have
when does he have
when is the next opening
when's the next opening
what's the earliest
whats the earliest

[asks room]
do you have anything
do you have any
do you have room
do you have a slot
do you have an opening
any availability
any openings
any slots
are you free
is there room

[puts off]
later on
text you later
write you later
let you know later
another time

[other day]
another day
other day
another date
none of those
none of these
none of them
neither of those
neither works

[earlier]
earlier
something earlier
any earlier

[later]
hour later
hours later
minutes later
something later
any later
a bit later
later time
push it back
push back
pushed back
move it back

[farewell]
bye
bye bye
goodbye
see you
see ya
have a nice day

[adds]
# Not "too": words are read with repeated letters squeezed, and "too" would be "to" ("I
# want to book a haircut" adds nothing).
also
as well
plus

[topic duration]
how long
how much time

[topic leave]
# The customer is about to ask something.
a question
quick question
can i ask something
can i ask you something
i have a question

[topic late]
running late
be late
minutes late
on my way
almost there

[topic bookings]
what time was it again
what time was it
what day was it
when was it again
is it booked
am i booked
did it go through
is it confirmed
what appointments do i have
which appointments do i have
do i have an appointment
do i have any appointment
do i have another appointment
do i have any other appointment
do i have any appointments
when is my appointment
what time is my appointment
when is my booking
what time is my booking
my appointments
my bookings
what do i have booked
what do we have booked
what have i got booked
what is booked
whats booked
what's booked
what's left
whats left
what do i have left
what do i have
what have i got
do i have an appointment
do i have a booking
is my appointment confirmed
is my booking confirmed
did my booking go through
remind me when
didn't get a confirmation
didnt get a confirmation
didn't receive a confirmation
didnt receive a confirmation
never got a confirmation
no confirmation
didn't get the confirmation
didnt get the confirmation

[no code]
# Asked for a booking code: the customer has none (only read when the code was asked).
# Typed with an apostrophe, without one, and with a curly one (read as two words).
don't remember
dont remember
don t remember
do not remember
can't remember
cant remember
can t remember
don't have the code
dont have the code
don t have the code
don't have it
dont have it
don t have it
don't know the code
dont know the code
don t know the code
lost the code
lost it
no idea
what code
never got a code

[new booking]
# A new booking, not a change of one: after no booking was found to change, it starts one.
a new one
new appointment
new booking
book a new
make a new
book one

[other staff]
# Another stylist than the one on the table (who does the service). Only "with …" forms:
# "it's for someone else" is a booking for someone else.
with someone else
with somebody else
another stylist
a different stylist
with another person
with a different person

[all of them]
all of them
everything
all my
all the
both

[both]
both
together
the two

[that one]
cancel it
move it
change it
reschedule it
that one
that appointment
the one i just booked

[another]
another one
another appointment
another booking
one more
for my sister
for my brother
for my mom
for my mum
for my daughter
for my son
for my friend
for my wife
for my husband
for my girlfriend
for my boyfriend
one for me
one for me too
and for me
me too

[right after]
# A booking right after the visit just booked, on its day.
right after
after that
after hers
after his
after mine
after my cut
after my appointment
after her appointment
when she finishes
when he finishes
when she's done
once she's done
straight after

[same visit]
# Another booking like the one just made: its service and time, on the day named.
same again
same thing
another one like that
the same appointment
same appointment
same service
the same for
same for my
the same at

[for a man]
# The visit is a man's ("haircut and beard"): a generic service is the men's one.
beard
men's
mens
man
gentleman
my husband
my boyfriend
my son
my dad
my brother

[for two]
for me and my
me and my
both of us
two of us
two people
two appointments
2 people
2 appointments
for both
my friend and i
my sister and i
my mom and i
my daughter and i
my husband and i
my wife and i
my friend and me
my daughter and me
my son and me
my son and i
my sister and me
my brother and me
my brother and i
my mom and me
my mum and me
my mum and i
my mother and me
my mother and i
my dad and me
my dad and i
my husband and me
my wife and me
my boyfriend and me
my boyfriend and i
my girlfriend and me
my girlfriend and i
my partner and me
my partner and i
my kid and me
my kid and i
my niece and me
my niece and i
my cousin and me
my cousin and i

[relatives]
# Who else a booking may be for: "para mi amiga Julieta" is in Julieta's name.
friend
daughter
son
sister
brother
mom
mum
mother
dad
father
girlfriend
boyfriend
wife
husband
niece
nephew
cousin
aunt
uncle
grandma
grandmother
grandpa
grandfather
partner

[corrects]
# The customer corrects what she asked or booked ("I meant gel nails", "make it a pedicure
# instead"); the change is confirmed before it is made.
i meant
i mean
actually
instead
change it to
make it
my mistake
my bad

[name leads asked]
# Leads of a name that count only when the reply asked for the booking's name.
her name is
his name is
it's for
it is for
it's
its
it is
under

[again]
# The visit just cancelled, booked again.
book it again
rebook it
re book it
put it back
can you put it back
undo the cancel
undo that

[ends at]
# When the visit ends, asked.
what time will i be done
what time would i be done
when will i be done
when would i be done
what time do i finish
what time will i finish
what time would i finish
when will i finish
what time will we be done
what time would we be done
