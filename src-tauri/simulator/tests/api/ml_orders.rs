use mostrador_simulator::Activity;
use serde_json::Value;

use crate::common::{client, ml_get, ml_tokens, start};

#[tokio::test]
async fn orders_search_newest_first_with_items_buyer_and_packs() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { new_orders: 30, ..Activity::default() });
    assert!(report.order_ids.len() >= 30);
    let (status, page) =
        ml_get(&sim, &client, &token, &format!("/orders/search?seller={seller}&sort=date_desc")).await;
    assert_eq!(status, 200);
    assert_eq!(page["paging"]["total"].as_u64(), Some(report.order_ids.len() as u64));
    let results = page["results"].as_array().expect("results");
    let ids: Vec<i64> = results.iter().map(|order| order["id"].as_i64().expect("id")).collect();
    assert!(ids.windows(2).all(|pair| pair[0] > pair[1]));
    let order = &results[0];
    assert_eq!(order["currency_id"], "ARS");
    assert!(order["order_items"][0]["item"]["title"].as_str().is_some());
    assert!(order["order_items"][0]["unit_price"].as_f64().is_some_and(|price| price > 0.0));
    assert!(order["buyer"]["nickname"].as_str().is_some_and(|nick| !nick.is_empty()));
    assert!(order["shipping"]["id"].as_i64().is_some());
    let statuses: Vec<&str> = results.iter().filter_map(|order| order["status"].as_str()).collect();
    assert!(statuses.contains(&"paid"));

    let in_pack = results.iter().find(|order| order["pack_id"].is_i64()).expect("a cart purchase");
    let pack_id = in_pack["pack_id"].as_i64().expect("pack");
    let (status, pack) = ml_get(&sim, &client, &token, &format!("/packs/{pack_id}")).await;
    assert_eq!(status, 200);
    let pack_orders: Vec<i64> =
        pack["orders"].as_array().expect("orders").iter().map(|o| o["id"].as_i64().expect("id")).collect();
    assert!(pack_orders.contains(&in_pack["id"].as_i64().expect("id")));
    let single = results.iter().find(|order| order["pack_id"].is_null()).expect("a single order");
    let single_id = single["id"].as_i64().expect("id");
    assert_eq!(ml_get(&sim, &client, &token, &format!("/packs/{single_id}")).await.0, 404);
    // The order id stands in for the pack in the messages path.
    let (status, thread) = ml_get(
        &sim,
        &client,
        &token,
        &format!("/messages/packs/{single_id}/sellers/{seller}?tag=post_sale&mark_as_read=false"),
    )
    .await;
    assert_eq!(status, 200, "{thread}");
    let (status, one) = ml_get(&sim, &client, &token, &format!("/orders/{single_id}")).await;
    assert_eq!((status, one["id"].as_i64()), (200, Some(single_id)));
    assert_eq!(ml_get(&sim, &client, &token, "/orders/1").await.0, 404);
}

#[tokio::test]
async fn orders_filter_by_last_update_and_refuse_other_sellers() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    sim.generate(Activity { new_orders: 3, ..Activity::default() });
    sim.advance_clock(3_600);
    let later = sim.generate(Activity { new_orders: 2, ..Activity::default() });
    let (_, everything) = ml_get(&sim, &client, &token, &format!("/orders/search?seller={seller}")).await;
    let newest = everything["results"][0]["date_last_updated"].as_str().expect("date").to_owned();
    let (_, recent) = ml_get(
        &sim,
        &client,
        &token,
        &format!(
            "/orders/search?seller={seller}&sort=date_desc&order.date_last_updated.from={}",
            newest.replace('+', "%2B")
        ),
    )
    .await;
    assert_eq!(recent["paging"]["total"].as_u64(), Some(later.order_ids.len() as u64));
    let (_, limited) =
        ml_get(&sim, &client, &token, &format!("/orders/search?seller={seller}&limit=1&offset=1")).await;
    assert_eq!(limited["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(limited["paging"]["limit"], 1);
    let (status, body): (u16, Value) = ml_get(&sim, &client, &token, "/orders/search?seller=1").await;
    assert_eq!(status, 403, "{body}");
}
