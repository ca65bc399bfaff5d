//! A visit for two or a group: the first booking's preface, and each next person's booking
//! offered.

use super::*;

/// Said before the first person's summary: the others' bookings follow. When the time has
/// room for fewer people than the group ("somos dos" and only Sofi does manicure), it says so
/// before anything is booked: the others will be offered the nearest free times.
/// Right after the check of that time (`after_check`), the time is not named again.
pub(super) fn for_two_first(
    ws: &Workspace,
    state: &ConversationState,
    after_check: bool,
) -> String {
    let l = lang(state);
    let people = state.group.max(2);
    match (state.resolved.service.as_deref(), state.resolved.time) {
        (Some(service), Some(time)) if state.short_of_room() => {
            let svc = services_text(ws, l, service, &state.resolved.also);
            let time = hhmm(time);
            let key = if after_check {
                "room_lead_after"
            } else {
                "room_lead"
            };
            let lead = t(l, key, &[("svc", &svc), ("time", &time)]);
            let mut args = vec![("lead", lead.as_str())];
            match (people, state.room) {
                (2, _) => return for_two(l, state, "for_two_alone", &args),
                (_, 1) => return t(l, "for_group_alone", &args),
                _ => {}
            }
            let room = state.room.to_string();
            args.push(("room", &room));
            t(l, "for_group_short", &args)
        }
        _ if people == 2 => for_two(l, state, "for_two_first", &[]),
        _ => t(l, "for_group_first", &[("n", &(people - 1).to_string())]),
    }
}

/// The second person's booking offered: the same visit, day and time; her name is asked.
pub(super) fn second_of_two(ws: &Workspace, state: &ConversationState) -> String {
    let l = lang(state);
    let (Some(service), Some(day), Some(time)) = (
        state.resolved.service.as_deref(),
        state.resolved.date,
        state.resolved.time,
    ) else {
        return t(l, "ask_name", &[]);
    };
    let svc = services_text(ws, l, service, &state.resolved.also);
    let (day, time) = (date(l, day), hhmm(time));
    let mut args = vec![("svc", svc.as_str()), ("date", &day), ("time", &time)];
    if state.group <= 2 {
        return for_two(l, state, "second_of_two", &args);
    }
    // "somos 3 amigas": whose turn it is, of how many.
    let (k, n) = (
        (state.group_booked + 1).to_string(),
        state.group.to_string(),
    );
    args.extend([("k", k.as_str()), ("n", n.as_str())]);
    t(l, "next_of_group", &args)
}

/// A reply of a visit for two that names the other person as the customer did ("Ahora el
/// de tu mamá"), or not ("…de la otra persona").
pub(super) fn for_two(
    l: Lang,
    state: &ConversationState,
    key: &str,
    args: &[(&str, &str)],
) -> String {
    match &state.second_label {
        Some(who) => {
            let mut args = args.to_vec();
            args.push(("who", who));
            t(l, &format!("{key}_named"), &args)
        }
        None => t(l, key, args),
    }
}
