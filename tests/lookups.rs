//! Bookings found by what the customer says of them, on the rule route, with real rows in a
//! real SQLite file.

mod common;

use chrono::{Datelike, Weekday};
use common::*;
use serde_json::Value;

fn text(v: &Value) -> String {
    v["reply"]["text"].as_str().unwrap_or_default().to_string()
}

fn ran(v: &Value, tool: &str) -> bool {
    v["actions"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|a| a["tool"] == tool && a["status"] == "ok")
}

#[tokio::test]
async fn a_weekday_said_alone_finds_the_customers_booking_on_a_later_one() {
    // An open Thursday at least 16 days ahead, and the conversation on the Monday ten days
    // before it: "el jueves" alone names the Thursday three days after that Monday (whatever
    // today's weekday), with no booking of hers.
    let (thursday, _) = next_open(Weekday::Thu, 16);
    let days = (thursday - now_ba().date_naive()).num_days() - 10;
    let sent = at_day(days, 10, 0);
    assert_eq!(sent.weekday(), Weekday::Mon);
    let app = TestApp::at(sent).await;
    let day = format!("{}/{}", thursday.day(), thursday.month());
    let c = "wa:5491100000101";
    app.say(c, "1", &format!("semi el {day} a las 11"), sent)
        .await;
    app.say(c, "2", "si", sent).await;
    let r = app.say(c, "3", "si", sent).await;
    assert!(ran(&r, "create_booking"), "{}", text(&r));
    // Another conversation, the same customer.
    let c = "wa:5491100000102";
    let r = app.say(c, "1", "hola, cancelame el del jueves", sent).await;
    assert!(ran(&r, "find_bookings"), "{}", text(&r));
    let said = text(&r);
    assert!(said.contains("cancelo tu turno"), "{said}");
    assert!(
        said.contains(&format!("jueves {}", thursday.day())),
        "{said}"
    );
    // And a lookup by the weekday finds it too.
    let r = app.say(c, "2", "no, dejalo", sent).await;
    assert!(!ran(&r, "cancel_booking"), "{}", text(&r));
    let r = app
        .say(c, "3", "tenía turno el jueves, a qué hora era?", sent)
        .await;
    assert!(text(&r).contains("11:00"), "{}", text(&r));
}
