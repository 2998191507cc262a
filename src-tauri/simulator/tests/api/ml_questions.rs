use std::collections::HashSet;

use mostrador_simulator::Activity;
use serde_json::{Value, json};

use crate::common::{client, id_of, ml_get, ml_post, ml_tokens, start};

fn ids(page: &Value) -> Vec<i64> {
    page["questions"].as_array().expect("questions").iter().map(|q| q["id"].as_i64().expect("id")).collect()
}

#[tokio::test]
async fn search_pages_newest_first_with_the_v4_fields() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { questions: 150, ..Activity::default() });
    assert_eq!(report.question_ids.len(), 150);
    let path = format!("/questions/search?seller_id={seller}&api_version=4&limit=100");
    let (status, first) = ml_get(&sim, &client, &token, &path).await;
    assert_eq!(status, 200);
    assert_eq!((first["total"].as_i64(), first["limit"].as_i64()), (Some(150), Some(100)));
    let first_ids = ids(&first);
    assert_eq!(first_ids.len(), 100);
    assert!(first_ids.windows(2).all(|pair| pair[0] > pair[1]), "newest first");
    assert_eq!(first_ids[0], *report.question_ids.last().expect("last"));
    let question = &first["questions"][0];
    for field in [
        "id",
        "item_id",
        "seller_id",
        "status",
        "text",
        "date_created",
        "hold",
        "deleted_from_listing",
        "suspected_spam",
    ] {
        assert!(question.get(field).is_some(), "missing {field}");
    }
    assert!(question["answer"].is_null());
    assert_eq!(question["status"], "UNANSWERED");
    assert!(id_of(&question["from"]["id"]) > 0);
    assert!(question["date_created"].as_str().expect("date").ends_with("-03:00"));
    let (_, second) = ml_get(&sim, &client, &token, &format!("{path}&offset=100")).await;
    let second_ids = ids(&second);
    assert_eq!(second_ids.len(), 50);
    let all: HashSet<i64> = first_ids.iter().chain(&second_ids).copied().collect();
    assert_eq!(all.len(), 150);
    let (_, oldest_first) =
        ml_get(&sim, &client, &token, &format!("{path}&sort_fields=date_created&sort_types=ASC")).await;
    assert_eq!(ids(&oldest_first)[0], report.question_ids[0]);
    // Some payloads write the user id as a string.
    let strings = first["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter(|q| q["from"]["id"].is_string())
        .count();
    assert!(strings > 0 && strings < 100, "{strings}");
}

#[tokio::test]
async fn search_refuses_what_the_real_api_refuses_and_scans_past_1000() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    assert_eq!(ml_get(&sim, &client, &token, &format!("/questions/search?seller_id={seller}")).await.0, 400);
    let base = format!("/questions/search?seller_id={seller}&api_version=4");
    assert_eq!(ml_get(&sim, &client, &token, &format!("{base}&limit=101")).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, &format!("{base}&status=SOMETHING")).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, "/questions/search?seller_id=1&api_version=4").await.0, 403);
    sim.generate(Activity { questions: 1_150, ..Activity::default() });
    let (status, body) = ml_get(&sim, &client, &token, &format!("{base}&limit=100&offset=1000")).await;
    assert_eq!(status, 400, "{body}");
    let mut seen = HashSet::new();
    let mut scroll: Option<String> = None;
    loop {
        let mut path = format!("{base}&limit=100&search_type=scan");
        if let Some(scroll) = &scroll {
            path.push_str(&format!("&scroll_id={scroll}"));
        }
        let (status, page) = ml_get(&sim, &client, &token, &path).await;
        assert_eq!(status, 200);
        let page_ids = ids(&page);
        if page_ids.is_empty() {
            break;
        }
        for id in page_ids {
            assert!(seen.insert(id), "duplicate {id}");
        }
        scroll = page["scroll_id"].as_str().map(str::to_owned);
    }
    assert_eq!(seen.len(), 1_150);
}

#[tokio::test]
async fn answers_are_accepted_once_within_2000_characters() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let question_id = sim.generate(Activity { questions: 3, ..Activity::default() }).question_ids[0];
    let long = "a".repeat(2001);
    assert_eq!(
        ml_post(&sim, &client, &token, "/answers", &json!({ "question_id": question_id, "text": long }))
            .await
            .0,
        400
    );
    assert_eq!(
        ml_post(&sim, &client, &token, "/answers", &json!({ "question_id": question_id, "text": "  " }))
            .await
            .0,
        400
    );
    assert_eq!(
        ml_post(&sim, &client, &token, "/answers", &json!({ "question_id": 1, "text": "Hola" })).await.0,
        404
    );
    let text = "¡Hola! Sí, es apta para microondas. Saludos.";
    let (status, answered) = ml_post(
        &sim,
        &client,
        &token,
        "/answers",
        &json!({ "question_id": question_id.to_string(), "text": text }),
    )
    .await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(answered["status"], "ANSWERED");
    assert_eq!(answered["answer"]["text"], text);
    let (status, twice) = ml_post(
        &sim,
        &client,
        &token,
        "/answers",
        &json!({ "question_id": question_id, "text": "otra vez" }),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(twice["error"], "bad_request");
    let received = sim.answers_received();
    assert_eq!(received.len(), 1);
    assert_eq!((received[0].question_id, received[0].text.as_str()), (question_id, text));
    let base = format!("/questions/search?seller_id={seller}&api_version=4");
    let (_, unanswered) = ml_get(&sim, &client, &token, &format!("{base}&status=UNANSWERED")).await;
    assert_eq!(unanswered["total"], 2);
    let (_, done) = ml_get(&sim, &client, &token, &format!("{base}&status=ANSWERED")).await;
    assert_eq!(ids(&done), vec![question_id]);
    assert_eq!(done["questions"][0]["answer"]["status"], "ACTIVE");
    let (status, one) = ml_get(&sim, &client, &token, &format!("/questions/{question_id}")).await;
    assert_eq!((status, one["id"].as_i64()), (200, Some(question_id)));
}

#[tokio::test]
async fn banned_questions_come_back_with_empty_text() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let question_id = sim.generate(Activity { questions: 2, ..Activity::default() }).question_ids[1];
    assert!(sim.ban_question(question_id));
    let (_, banned) = ml_get(&sim, &client, &token, &format!("/questions/{question_id}")).await;
    assert_eq!((banned["status"].as_str(), banned["text"].as_str()), (Some("BANNED"), Some("")));
    let seller = sim.ml_app().seller_id;
    let (_, page) = ml_get(
        &sim,
        &client,
        &token,
        &format!("/questions/search?seller_id={seller}&api_version=4&status=BANNED"),
    )
    .await;
    assert_eq!(page["total"], 1);
}

#[tokio::test]
async fn items_carry_title_site_and_manufacturing_time() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let question_id = sim.generate(Activity { questions: 1, ..Activity::default() }).question_ids[0];
    let (_, question) = ml_get(&sim, &client, &token, &format!("/questions/{question_id}")).await;
    let item_id = question["item_id"].as_str().expect("item id").to_owned();
    assert!(item_id.starts_with("MLA"));
    let (status, item) = ml_get(&sim, &client, &token, &format!("/items/{item_id}")).await;
    assert_eq!(status, 200);
    assert_eq!(item["site_id"], "MLA");
    assert_eq!(item["currency_id"], "ARS");
    assert!(item["title"].as_str().is_some_and(|title| title.len() > 10));
    let (_, many) = ml_get(&sim, &client, &token, &format!("/items?ids={item_id},MLA1")).await;
    assert_eq!((many[0]["code"].as_i64(), many[1]["code"].as_i64()), (Some(200), Some(404)));
    assert_eq!(ml_get(&sim, &client, &token, "/items/MLA1").await.0, 404);
}

#[tokio::test]
async fn response_time_averages_the_answered_questions() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let path = format!("/users/{seller}/questions/response_time");
    let (status, empty) = ml_get(&sim, &client, &token, &path).await;
    assert_eq!((status, empty["total"]["response_time"].is_null()), (200, true));
    let question_id = sim.generate(Activity { questions: 1, ..Activity::default() }).question_ids[0];
    sim.advance_clock(30 * 60);
    ml_post(&sim, &client, &token, "/answers", &json!({ "question_id": question_id, "text": "Sí, hay." }))
        .await;
    let (_, timed) = ml_get(&sim, &client, &token, &path).await;
    let minutes = timed["total"]["response_time"].as_i64().expect("minutes");
    assert!((30..=31).contains(&minutes), "{timed}");
}
