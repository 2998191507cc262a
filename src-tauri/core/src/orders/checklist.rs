//! What an order still needs, so the seller asks the buyer only for what is missing.
//!
//! The variant counts as known when some item has one: a delivery charge line ("Envío") has none,
//! and the core cannot tell such a line from a product, so one variant per order is what it asks for.

use crate::orders::{ChecklistEntry, ChecklistItem, Delivery, OrderItem};
use crate::vocabulary::{DeliveryMethod, OrderStage, PaymentStatus};

pub(crate) struct OrderFacts<'a> {
    pub(crate) stage: OrderStage,
    pub(crate) items: &'a [OrderItem],
    pub(crate) due_date: Option<&'a str>,
    pub(crate) delivery: Option<&'a Delivery>,
    pub(crate) payment_status: PaymentStatus,
}

/// Every item with whether it is settled; nothing once the order is handed over or cancelled.
pub(crate) fn checklist(order: &OrderFacts<'_>) -> Vec<ChecklistEntry> {
    if matches!(order.stage, OrderStage::Delivered | OrderStage::PickedUp | OrderStage::Cancelled) {
        return Vec::new();
    }
    let filled = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let has_items = !order.items.is_empty();
    let delivery = order.delivery.is_some_and(|d| match d.method {
        DeliveryMethod::Shipping => filled(&d.address),
        DeliveryMethod::Pickup | DeliveryMethod::MeetingPoint => filled(&d.place),
    });
    let entry = |item, done| ChecklistEntry { item, done };
    vec![
        entry(ChecklistItem::Product, has_items),
        entry(ChecklistItem::Variant, order.items.iter().any(|item| filled(&item.variant))),
        entry(ChecklistItem::Quantity, has_items),
        entry(ChecklistItem::Delivery, delivery),
        entry(ChecklistItem::Date, order.due_date.is_some()),
        entry(ChecklistItem::Payment, matches!(order.payment_status, PaymentStatus::Paid)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(order: &OrderFacts<'_>) -> Vec<ChecklistItem> {
        checklist(order).into_iter().filter(|e| !e.done).map(|e| e.item).collect()
    }

    fn mug(variant: Option<&str>) -> OrderItem {
        OrderItem {
            product: "Taza".into(),
            variant: variant.map(String::from),
            quantity: 1,
            unit_price_minor: 1_690_000,
        }
    }

    #[test]
    fn a_fresh_inquiry_misses_everything() {
        let order = OrderFacts {
            stage: OrderStage::Inquiry,
            items: &[],
            due_date: None,
            delivery: None,
            payment_status: PaymentStatus::Unpaid,
        };
        assert_eq!(missing(&order), ChecklistItem::ALL.to_vec());
    }

    #[test]
    fn shipping_needs_an_address_and_pickup_a_place() {
        let items = [mug(Some("Blanco")), OrderItem { variant: None, ..mug(None) }];
        let mut delivery = Delivery {
            method: DeliveryMethod::Shipping,
            address: None,
            place: Some("Subte Medrano".into()),
            time_note: None,
            picked_up_by: None,
        };
        fn order<'a>(items: &'a [OrderItem], delivery: &'a Delivery) -> OrderFacts<'a> {
            OrderFacts {
                stage: OrderStage::Agreed,
                items,
                due_date: Some("2026-12-01"),
                delivery: Some(delivery),
                payment_status: PaymentStatus::Partial,
            }
        }
        assert_eq!(missing(&order(&items, &delivery)), [ChecklistItem::Delivery, ChecklistItem::Payment]);
        delivery.method = DeliveryMethod::Pickup;
        assert_eq!(missing(&order(&items, &delivery)), [ChecklistItem::Payment]);
        delivery.place = Some("  ".into());
        assert_eq!(missing(&order(&items, &delivery)), [ChecklistItem::Delivery, ChecklistItem::Payment]);
    }

    #[test]
    fn a_variant_is_asked_for_once_per_order() {
        let items = [mug(None)];
        let order = OrderFacts {
            stage: OrderStage::Paid,
            items: &items,
            due_date: None,
            delivery: None,
            payment_status: PaymentStatus::Paid,
        };
        assert_eq!(missing(&order), [ChecklistItem::Variant, ChecklistItem::Delivery, ChecklistItem::Date]);
    }

    #[test]
    fn finished_orders_need_nothing() {
        for stage in [OrderStage::Delivered, OrderStage::PickedUp, OrderStage::Cancelled] {
            let order = OrderFacts {
                stage,
                items: &[],
                due_date: None,
                delivery: None,
                payment_status: PaymentStatus::Unpaid,
            };
            assert!(checklist(&order).is_empty());
        }
    }
}
