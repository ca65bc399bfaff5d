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
#[case("quiero el mismo color que me hicieron la otra vez", Some("color"))]
#[case("ah no perdón, era pedicura no manicura", Some("pedicura"))]
#[case("quiero pedicura, no manicura", Some("pedicura"))]
#[case("pedicura no, manicura", Some("manicura"))]
#[case("queriamos ir a peinarnos el sabado", Some("peinarnos"))]
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
#[case("sacale el color, solo corte", vec!["corte"])]
#[case("sacá el brushing", vec![])]
#[case("sacame un turno para color", vec!["color"])]
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
