//! The cues around candidate values, read through the rule extractor: which value of a
//! message is wanted, and which named service is no service wanted.

use crate::nlu::rules::tests::ex;
use crate::nlu::Intent;
use rstest::rstest;

#[test]
fn a_del_leads_only_its_own_value() {
    let e = ex("uñas antes del viernes, ¿tenés el miércoles a las 5?");
    assert_eq!(e.slots.preferred_date.as_deref(), Some("el miércoles"));
}

#[rstest]
#[case(
    "marca pra mim sobrancelha dia 3 as 2 da tarde? bjs",
    Some("sobrancelha")
)]
#[case(
    "hoy re imposible, pasado tenes? para cortarme el pelo",
    Some("cortarme el pelo")
)]
#[case("¿qué marca de tintura usan? quiero color el viernes", Some("color"))]
#[case("venden shampoo de keratina?", None)]
#[case("me compré una plancha en otro lado y no anda, la arreglan?", None)]
#[case("¿venden el shampoo que usan en el lavado?", None)]
#[case("busco trabajo de manicura, ¿toman gente?", None)]
#[case("el semi me duró dos días, quiero que me lo rehagan sin cargo", None)]
#[case(
    "did my nails last week and two already chipped, can I get a refund?",
    None
)]
#[case("My nails broke a day after the gel, can you fix them for free?", None)]
#[case("el otro día me atendió Caro y me encantó el corte, gracias!!", None)]
#[case("salgo del trabajo a las 6, ¿tenés corte a las 7?", Some("corte"))]
#[case(
    "quiero turno con la misma chica que me atendió la otra vez para las uñas",
    Some("uñas")
)]
#[case("quiero el mismo color que me hicieron la otra vez", Some("color"))]
#[case(
    "no quiero volver con ella, me dejó mal el flequillo. Quiero turno para corte",
    Some("corte")
)]
#[case("ah no perdón, era pedicura no manicura", Some("pedicura"))]
#[case("quiero pedicura, no manicura", Some("pedicura"))]
#[case("pedicura no, manicura", Some("manicura"))]
// A "no" opening the message answers what was asked.
#[case("no no, manicura nomas, perdon", Some("manicura"))]
#[case("no, mejor semi", Some("semi"))]
// A correction after a long way, or after a filler.
#[case(
    "brushing para el sabado 19 a las 10, ay no perdon quise decir peinado que es para un cumple",
    Some("peinado")
)]
#[case(
    "cejas el viernes 18 a las 16, ay no perdon quise decir pestañas",
    Some("pestañas")
)]
#[case(
    "Quiero un peinado para el sábado. Perdón, no es un peinado, es un recogido",
    Some("recogido")
)]
#[case("queriamos ir a peinarnos el sabado", Some("peinarnos"))]
// A service verb alone names the demo salon's cut; before another service it is that one's.
#[case("puedo ir ahora a cortarme?", Some("cortarme"))]
#[case("quiero cortarme las uñas el viernes", Some("uñas"))]
#[case("¿tienen baño?", None)]
#[case("al final solo la manicura, la pedicura no", Some("manicura"))]
#[case("hacen manos y pies, no?", Some("manos"))]
#[case(
    "la semana pasada me hice el color con Caro y me encantó, quiero repetir en un mes",
    Some("color")
)]
#[case("do you do lash lifts?", Some("lash lifts"))]
#[case("fazem sobrancelha com henna?", Some("sobrancelha com henna"))]
#[case("hacen maquillaje social?", Some("maquillaje social"))]
#[case(
    "the gel on my nails peeled off after two days, can you redo them?",
    None
)]
fn what_is_not_a_service_cue(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.service_type.as_deref(), want, "{text}");
}

/// An event's day ("tengo un casamiento el sábado") is no day wanted; a day after another
/// clause ("…tengo reunión, mejor el viernes") is.
#[rstest]
#[case(
    "quería un turno para uñas, tengo un casamiento el sábado, ¿puede ser el viernes?",
    "el viernes"
)]
#[case(
    "necesito turno pa un peinado, tengo fiesta de 15 el sabado a la noche, puede ser el jueves?",
    "el jueves"
)]
#[case(
    "¿tendrás lugar pasado mañana? ah no, pasado mañana tengo reunión, mejor el viernes a las 4",
    "el viernes"
)]
#[case("uh el martes es feriado no? entonces el miércoles", "el miércoles")]
fn an_events_day_is_no_day_wanted(#[case] text: &str, #[case] want: &str) {
    let e = ex(text);
    assert_eq!(e.slots.preferred_date.as_deref(), Some(want), "{text}");
    assert_eq!(e.intent, Intent::Book, "{text}");
}

#[test]
fn the_day_after_a_refused_today_is_the_one() {
    let e = ex("hoy re imposible, pasado tenes? para cortarme el pelo");
    assert_eq!(e.slots.preferred_date.as_deref(), Some("pasado"));
}

#[test]
fn a_bound_is_no_time_and_an_obligation_no_booking() {
    let e = ex("corte el sábado antes de las 12");
    assert_eq!(e.slots.preferred_time, None);
    assert_eq!(e.slots.preferred_date.as_deref(), Some("el sábado"));
    let e = ex("tenho que ir na quinta-feira de manhã, umas 9h, pra fazer as unhas");
    assert_eq!(e.slots.preferred_date.as_deref(), Some("quinta-feira"));
    assert_eq!(e.intent, Intent::Book);
}

#[rstest]
#[case(
    "quería ver si tenías algún turnito para esta semana para hacerme las manos, el jueves o viernes a la tarde",
    "el jueves"
)]
#[case("algún turno esta semana? el viernes puedo", "el viernes")]
#[case(
    "turno la semana que viene, para las manos el jueves a la tarde",
    "la semana que viene el jueves"
)]
#[case("la semana que viene no puedo, el jueves sí", "el jueves")]
#[case("turno para esta semana", "esta semana")]
fn a_week_frames_the_day_named_beside_it(#[case] text: &str, #[case] want: &str) {
    let e = ex(text);
    assert_eq!(e.slots.preferred_date.as_deref(), Some(want), "{text}");
}

#[rstest]
#[case("sacale el color, solo corte", vec!["corte"])]
#[case("tira a pedicure por favor, só manicure", vec!["manicure"])]
#[case("sacá el brushing", vec![])]
#[case("sacame un turno para color", vec!["color"])]
#[case("quería sacar la pedicura del turno del sábado, dejame solo la manicura", vec!["manicura"])]
#[case("quiero sacar turno para la pedicura", vec!["pedicura"])]
#[case("corte y color", vec!["corte", "color"])]
fn a_service_taken_off(#[case] text: &str, #[case] want: Vec<&str>) {
    let e = ex(text);
    let got: Vec<&str> = if e.slots.services.is_empty() {
        e.slots.service_type.iter().map(|s| s.as_str()).collect()
    } else {
        e.slots.services.iter().map(|s| s.as_str()).collect()
    };
    assert_eq!(got, want, "{text}");
}

#[rstest]
#[case(
    "el sábado tengo un casamiento, necesito peinado a la mañana temprano, la fiesta es a las 8 de la noche",
    None
)]
#[case(
    "peinado para el sábado, el civil es a las 12, ¿podés a las 9?",
    Some("09:00")
)]
#[case(
    "the wedding is at 7pm, can I get a blowout on saturday morning?",
    None
)]
#[case(
    "el cumple de mi hija es a las 5, ¿hay lugar para cejas el viernes a las 11?",
    Some("11:00")
)]
#[case("tengo una fiesta a las 10, quiero peinado el sábado", None)]
// For the event, at that hour: the time asked for.
#[case("peinado para la fiesta de mi prima a las 10 el sábado", Some("10:00"))]
fn an_events_hour_is_no_time_wanted(#[case] text: &str, #[case] want: Option<&str>) {
    let e = ex(text);
    assert_eq!(e.slots.preferred_time.as_deref(), want, "{text}");
    assert_eq!(e.intent, Intent::Book, "{text}");
}

#[rstest]
#[case("tengo un casamiento el sábado, necesito peinado", Some("el sábado"))]
#[case(
    "tengo una cena a las 9 el viernes, ¿me hacés un brushing a las 5?",
    Some("el viernes")
)]
// Another day named wins; a deadline is no day.
#[case(
    "quería un turno para uñas, tengo un casamiento el sábado, ¿puede ser el viernes?",
    Some("el viernes")
)]
#[case("necesito un balayage urgente jaja tengo casamiento en 10 dias", None)]
fn an_events_day_is_the_day_when_no_other_is_named(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_date.as_deref(), want, "{text}");
}

#[rstest]
#[case("el jueves! no el miércoles", "el jueves")]
#[case("el jueves. no el miércoles", "el jueves")]
#[case("el jueves no, el miércoles", "el miércoles")]
fn a_no_opening_a_sentence_turns_down_what_follows(#[case] text: &str, #[case] want: &str) {
    assert_eq!(
        ex(text).slots.preferred_date.as_deref(),
        Some(want),
        "{text}"
    );
}

#[test]
fn a_no_a_sentence_before_a_service_is_about_something_else() {
    let e = ex("sorry no spanish. pedicure tuesday 4pm?");
    assert_eq!(e.slots.service_type.as_deref(), Some("pedicure"));
    // A comma keeps it: "si no se puede, mechas" is the fallback, not a service wanted.
    let e = ex("quería color. Si no se puede, mechas para disimular");
    assert_eq!(e.slots.services, Vec::<String>::new());
    assert_eq!(e.slots.service_type.as_deref(), Some("color"));
}

#[rstest]
#[case("se puede pagar en cuotas la keratina?", Intent::Other)]
#[case("¿puedo pagar con tarjeta el corte?", Intent::Other)]
#[case("can I pay the manicure by card?", Intent::Other)]
// A booking cue or a day keeps the booking.
#[case("quiero turno para corte, ¿puedo pagar con débito?", Intent::Book)]
#[case("quiero pagar con mercado pago la manicura del viernes", Intent::Book)]
fn how_to_pay_for_a_service_is_no_booking(#[case] text: &str, #[case] want: Intent) {
    assert_eq!(ex(text).intent, want, "{text}");
}

#[rstest]
#[case(
    "turno para las dos: yo manicura y mi hermana pedicura, el jueves 17hs",
    Some("17:00")
)]
#[case("turno para las dos mi hermana y yo, manicura el jueves", None)]
#[case("turno para las dos el jueves, manicura", Some("14:00"))]
#[case("dame turno para las dos cosas el sábado a las 10:05", Some("10:05"))]
#[case("quiero las tres cosas el viernes", None)]
#[case("uh pero cuanto dura? a las 13 tengo que estar en otro lado", None)]
fn for_the_two_of_us_is_no_hour(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_time.as_deref(), want, "{text}");
}

#[rstest]
#[case("I want a pedicure, not a manicure", &["pedicure"])]
#[case("a pedicure not a manicure on friday", &["pedicure"])]
fn not_a_service_in_english_is_turned_down(#[case] text: &str, #[case] want: &[&str]) {
    let e = ex(text);
    assert_eq!(e.slots.service_type.as_deref(), Some(want[0]), "{text}");
    assert!(
        e.slots.services.len() <= 1,
        "{text}: {:?}",
        e.slots.services
    );
}

#[test]
fn a_time_after_a_bound_at_noon_is_the_time_wanted() {
    let e = ex("quiero lifting de pestañas este viernes después del mediodía, tipo 14");
    assert_eq!(e.slots.preferred_time.as_deref(), Some("14:00"));
    // The booking's own hour stays its own: "lo del viernes a las 16".
    let e = ex("cambiá lo del viernes a las 16 para las 18");
    assert_eq!(e.slots.preferred_time.as_deref(), Some("18:00"));
}

#[rstest]
#[case("Hola! Quería un turno para corte para el martes que viene después del mediodía")]
#[case("turno el martes antes del mediodía")]
#[case("brushing el jueves a las 12 del mediodía")]
fn noon_after_del_is_no_booking_had(#[case] text: &str) {
    let e = ex(text);
    assert_eq!(e.intent, Intent::Book, "{text}");
}

#[rstest]
#[case(
    "quiero color a primera hora del viernes",
    Intent::Book,
    Some("viernes")
)]
#[case("quiero color a la tarde del viernes", Intent::Book, Some("viernes"))]
#[case(
    "mi turno de la tarde del viernes pasalo al sábado",
    Intent::Reschedule,
    Some("sábado")
)]
#[case(
    "podés pasarme los horarios libres del viernes? es para color",
    Intent::Book,
    Some("viernes")
)]
fn the_day_of_a_part_of_the_day_or_of_the_free_times_is_wanted(
    #[case] text: &str,
    #[case] intent: Intent,
    #[case] date: Option<&str>,
) {
    let e = ex(text);
    assert_eq!(e.intent, intent, "{text}");
    assert_eq!(e.slots.preferred_date.as_deref(), date, "{text}");
}

#[rstest]
#[case(
    "quería el 18 pero si no hay el 19 también me sirve, a la tarde",
    Some("el 18")
)]
#[case("el viernes, o si no el sábado", Some("el viernes"))]
#[case(
    "si no puede el martes, el miercoles a las 4 tambien me sirve",
    Some("el martes")
)]
#[case("no el jueves sino el viernes", Some("el viernes"))]
#[case("el jueves o el viernes a la tarde", Some("el jueves"))]
#[case("thursday or friday?", Some("thursday"))]
fn a_second_choice_is_not_the_day_wanted(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_date.as_deref(), want, "{text}");
}

/// The day and hour wanted among several. "el sábado no el viernes": with no stop around it, a
/// "no" before another value turns that one down; with a comma after it ("el jueves no, el
/// viernes") it turns down the one before. A time right after the day of a booking the
/// customer has, or of an event, is that one's hour; a booking told in a clause of its own
/// ("…tengo médico, el miércoles") is no old day.
#[rstest]
#[case(
    "uh me equivoqué, lo necesito el sábado no el viernes",
    Some("el sábado"),
    None
)]
#[case("lo quiero a las 5 no a las 6", None, Some("17:00"))]
#[case("para el jueves no para el viernes", Some("el jueves"), None)]
#[case("el jueves no, el viernes", Some("el viernes"), None)]
#[case("corte el jueves no, cualquier otro día a la mañana", None, None)]
#[case("el viernes no, otro día mejor", None, None)]
#[case("no puedo el jueves, el viernes?", Some("el viernes"), None)]
#[case(
    "tengo turno con caro el jueves a las 10, si se puede el viernes en el mismo horario mejor",
    Some("el viernes"),
    None
)]
#[case(
    "tengo el cumple de mi abuela el domingo a las 13, quiero brushing el sábado a las 17",
    Some("el sábado"),
    Some("17:00")
)]
#[case("podés pasar mi turno a las 16?", None, Some("16:00"))]
#[case(
    "mañana a las 10 tengo turno pero voy a llegar 20 min tarde",
    None,
    None
)]
#[case(
    "el jueves a las 10 tengo turno, lo puedo pasar al viernes?",
    Some("viernes"),
    None
)]
#[case("podré pasar mi turno a las 16 en vez de las 12?", None, Some("16:00"))]
#[case("a las 16 en vez de las 12", None, Some("16:00"))]
#[case("cuanto tarda? tengo que estar a las 3 en otro lado", None, None)]
#[case("a las 2 me tengo que ir, hay algo antes?", None, None)]
#[case("el sábado a las 14 o 14:30", Some("el sábado"), Some("14:00"))]
#[case(
    "che, me equivoqué, era el viernes, no el sábado",
    Some("el viernes"),
    None
)]
#[case("perdón, era el jueves", Some("el jueves"), None)]
#[case(
    "corte el jueves 17, bueno no, el viernes 18 a las 3",
    Some("el viernes 18"),
    Some("15:00")
)]
#[case(
    "corte el jueves 17, no no, el viernes 18 a las 3",
    Some("el viernes 18"),
    Some("15:00")
)]
#[case("a las 5, no no, a las 6", None, Some("18:00"))]
#[case(
    "pedicura el jueves 17 a las 12, bueno no, el viernes 18 a la misma hora",
    Some("el viernes 18"),
    Some("12:00")
)]
#[case(
    "cejas el miercoles 16 a las 15, no no, el jueves 17 a las 16",
    Some("el jueves 17"),
    Some("16:00")
)]
#[case("mi turno era el jueves, lo puedo pasar?", None, None)]
#[case(
    "pensaba el jueves, no, el jueves tengo dentista, el viernes a las 11",
    Some("el viernes"),
    Some("11:00")
)]
fn the_day_and_hour_wanted(
    #[case] text: &str,
    #[case] date: Option<&str>,
    #[case] time: Option<&str>,
) {
    let e = ex(text);
    assert_eq!(e.slots.preferred_date.as_deref(), date, "{text}");
    assert_eq!(e.slots.preferred_time.as_deref(), time, "{text}");
}

/// The customer's own hours ("salgo del laburo") reach no further than their clause: the
/// time after a comma is the one wanted.
#[rstest]
#[case(
    "manos el martes a la tarde que salgo temprano del laburo, tipo 17 o 18",
    Some("17:00")
)]
#[case("manos el martes que salgo del laburo, tipo 17", Some("17:00"))]
#[case("corte el viernes, salgo del laburo a las 7", None)]
#[case("salgo del trabajo a las 18, corte?", None)]
fn the_customer_s_own_hours_end_with_their_clause(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_time.as_deref(), want, "{text}");
}

/// The customer's trade, or a service done and praised, is no service wanted.
#[rstest]
#[case("soy peluquera y busco un sillón para alquilar, tienen?", None)]
#[case("el brushing que me hizo Caro el viernes me encantó, gracias!", None)]
#[case("quiero el mismo brushing que me hizo Caro", Some("brushing"))]
fn a_trade_or_a_visit_done(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.service_type.as_deref(), want, "{text}");
}

/// The service of a booking the customer has is not the one asked for, when another one is
/// named after it; one booking's two services stay both.
#[rstest]
#[case(
    "ya tengo turno el jueves para brushing, quiero sacar otro para cejas el viernes",
    Some("cejas"),
    0
)]
#[case(
    "tenía turno para manos y pies hoy, lo paso al sábado?",
    Some("manos"),
    2
)]
#[case(
    "hola tengo turno el viernes a las 16 para corte, puedo agregar brushing?",
    Some("brushing"),
    0
)]
fn the_service_of_a_booking_one_has(
    #[case] text: &str,
    #[case] want: Option<&str>,
    #[case] services: usize,
) {
    let e = ex(text);
    assert_eq!(e.slots.service_type.as_deref(), want, "{text}");
    assert_eq!(e.slots.services.len(), services, "{text}");
}

/// "mi corte es mañana a las 10": the day and hour of what one has, not the ones wanted.
#[test]
fn what_one_has_said_as_such() {
    let e = ex("mi brushing es el viernes a las 10, puede ser a las 12?");
    assert_eq!(e.slots.preferred_date, None);
    assert_eq!(e.slots.preferred_time.as_deref(), Some("12:00"));
    let e = ex("mi idea es el sábado a las 10 para corte");
    assert_eq!(e.slots.preferred_date.as_deref(), Some("el sábado"));
}

/// "tengo turno el viernes a las 16 para corte, ¿puedo agregar brushing?": the booking told,
/// its day, hour and service, besides the service added.
#[test]
fn a_booking_told_besides_a_service_added() {
    let e = ex("hola tengo turno el viernes a las 16 para corte, puedo agregar brushing?");
    assert!(e.signals.adds);
    assert_eq!(e.signals.booked_date.as_deref(), Some("el viernes"));
    assert_eq!(e.signals.booked_time.as_deref(), Some("16:00"));
    assert_eq!(e.signals.booked_service.as_deref(), Some("corte"));
    assert_eq!(e.slots.preferred_date, None);
    assert_eq!(e.slots.preferred_time, None);
}

#[rstest]
#[case("quiero mani y pedi el jueves", &["mani", "pedi"])]
#[case("pedi y manos para el 2/12 a las 4 porfa", &["pedi", "manos"])]
#[case("ya te pedí el turno para el jueves", &[])]
#[case("pedí turno para corte", &["corte"])]
#[case("le pedi a Caro brushing", &["brushing"])]
fn pedi_is_a_pedicure_unless_it_is_the_verb(#[case] text: &str, #[case] want: &[&str]) {
    let e = ex(text);
    let got: Vec<&str> = if e.slots.services.is_empty() {
        e.slots.service_type.iter().map(String::as_str).collect()
    } else {
        e.slots.services.iter().map(String::as_str).collect()
    };
    assert_eq!(got, want, "{text}");
}

#[rstest]
#[case(
    "mañana cerrado? ah bueno, y el miércoles a la misma hora?",
    Some("el miércoles")
)]
#[case(
    "tomorrow is closed? ok what about Wednesday same time",
    Some("Wednesday")
)]
#[case("tenés el martes a las 10? y si no el miércoles", Some("el martes"))]
#[case("el martes a las 10 y el miércoles a las 11", Some("el martes"))]
#[case("abren en navidad? y el 1 de enero?", Some("navidad"))]
fn a_day_asked_back_then_another_asked_about(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_date.as_deref(), want, "{text}");
}

/// "para él" books for a man who is not the customer; "para el viernes" is a day.
#[test]
fn a_booking_for_him() {
    let e = ex("hola soy Carla, la mamá de Tomi, queria turno de corte para él");
    assert_eq!(e.signals.booking_for.as_deref(), Some("Tomi"));
    assert!(e.signals.for_a_man && e.signals.for_another);
    let e = ex("turno para él el jueves, corte");
    assert_eq!(e.slots.preferred_date.as_deref(), Some("el jueves"));
    assert!(e.signals.for_a_man && e.signals.for_another);
    let e = ex("quiero un corte para el viernes");
    assert!(!e.signals.for_a_man && !e.signals.for_another);
}

/// A headcount is no hour: "somos 3, corte para las tres el sábado a las 10" is at 10.
#[rstest]
#[case("hola, somos 3, corte para las tres el sábado a las 10", Some("10:00"))]
#[case(
    "hola, somos 3 amigas, brushing para las 3 el viernes a las 11",
    Some("11:00")
)]
#[case("a las 10 las tres, se puede? somos tres amigas", Some("10:00"))]
#[case("brushing para las 3 el viernes", Some("15:00"))]
#[case("somos 2 amigas, turno para las 2?", Some("14:00"))]
fn a_headcount_is_no_hour(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_time.as_deref(), want, "{text}");
}

/// A day set against another ("X y no Y", "era X, no Y") is the one meant.
#[rstest]
#[case("mejor el 14 y no el 13", Some("el 14"))]
#[case("turno el 19 y no el 20 eh", Some("el 19"))]
#[case("no, era el 8, no el 7", Some("el 8"))]
#[case("ah cierto, navidad jaja. el 24 a las 19 entonces", Some("el 24"))]
#[case("claro, el sábado a las 10", Some("el sábado"))]
fn a_day_set_against_another(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(ex(text).slots.preferred_date.as_deref(), want, "{text}");
}
