# English words the rule reader knows. One entry per line, folded (lower case, no
# accents). In `[cue <intent>]` sections a weight comes first, then the phrase; a trailing `*`
# matches any word starting with the stem. See src/nlu/lexicon/mod.rs for what each section does.

[cue reschedule]
3.5 reschedule
3 move my
3.5 change my appointment

[cue book]
2.5 appointment
2.5 book
2 booking
2 any slot
2 available
2 can i come

[cue info_prices]
3 price*
3 how much
2.5 cost

[cue info_hours]
2.5 open
2.5 opening
2.5 hours
2 close
2 schedule

[cue info_services]
2.5 do you do
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
okay
yes
yep
sure

[no]
nope

[closing]
never mind
nevermind
forget it
leave it
not now
maybe later
later
nothing

[topic handoff]
talk to a human
talk to a person
real person
speak to someone

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

[topic payment]
payment
pay
cash
card

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
