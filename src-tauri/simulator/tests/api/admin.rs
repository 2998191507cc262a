use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::common::{client, start};

#[tokio::test]
async fn admin_endpoints_generate_inject_block_and_report() {
    let sim = start().await;
    let client = client();
    let base = sim.ml_base_url();
    let report: Value = client
        .post(format!("{base}/_sim/generate"))
        .json(&json!({ "questions": 2, "post_sale_messages": 1 }))
        .send()
        .await
        .expect("generate")
        .json()
        .await
        .expect("json");
    assert_eq!(report["question_ids"].as_array().map(Vec::len), Some(2));
    let pack = report["pack_ids"][0].as_i64().expect("pack");
    let blocked: Value = client
        .post(format!("{base}/_sim/block_pack"))
        .json(&json!({ "pack_id": pack, "substatus": "blocked_by_time" }))
        .send()
        .await
        .expect("block")
        .json()
        .await
        .expect("json");
    assert_eq!(blocked["ok"], true);
    let fault = json!({ "api": "mercado_libre", "path_contains": "/users", "kind": { "rate_limited": { "retry_after_secs": 2 } }, "times": 1 });
    assert_eq!(
        client.post(format!("{base}/_sim/fault")).json(&fault).send().await.expect("fault").status(),
        200
    );
    assert_eq!(client.get(format!("{base}/users/me")).send().await.expect("get").status(), 429);
    // Admin calls are never faulted nor rate limited.
    let state: Value =
        client.get(format!("{base}/_sim/state")).send().await.expect("state").json().await.expect("json");
    assert_eq!(state["totals"]["questions"], 2);
    assert_eq!(state["totals"]["pack_messages"], 1);
    assert!(state["answers_received"].as_array().is_some_and(Vec::is_empty));
    assert!(state["now"].as_i64().is_some());
    let code: Value = client
        .post(format!("{base}/_sim/code"))
        .json(&json!({}))
        .send()
        .await
        .expect("code")
        .json()
        .await
        .expect("json");
    assert!(code["code"].as_str().is_some_and(|code| code.starts_with("TG-")));
}

#[test]
fn the_binary_prints_one_json_line_then_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mostrador-simulator"))
        .args(["--seed", "9", "--site", "MLB"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("line");
    let info: Value = serde_json::from_str(&line).expect("one JSON line");
    let result = std::panic::catch_unwind(|| {
        assert_eq!(info["site"], "MLB");
        assert!(info["telegram_token"].as_str().is_some_and(|t| t.contains(':')));
        assert!(info["ml_app"]["seller_id"].as_i64().is_some());
        let base = info["ml_base_url"].as_str().expect("url").to_owned();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let state = client().get(format!("{base}/_sim/state")).send().await.expect("state");
            assert_eq!(state.status(), 200);
        });
    });
    let _ = child.kill();
    let _ = child.wait();
    result.expect("checks pass");
}
