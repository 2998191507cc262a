//! The order pipeline: inquiry → agreed → paid → in production → ready → shipped / picked up →
//! delivered, or cancelled.
//!
//! Forward moves may skip stages (a buyer who pays on pickup goes from ready to picked up without
//! "paid"); going back is allowed one step only, to fix a mistaken click. Shipped and picked up are
//! the same step, so switching between them is a correction too. A cancelled order can only return
//! to the stage it was cancelled from; a delivered one cannot be cancelled.

use crate::vocabulary::OrderStage;

/// Position in the pipeline; `None` for cancelled.
fn rank(stage: OrderStage) -> Option<u8> {
    Some(match stage {
        OrderStage::Inquiry => 0,
        OrderStage::Agreed => 1,
        OrderStage::Paid => 2,
        OrderStage::InProduction => 3,
        OrderStage::Ready => 4,
        OrderStage::Shipped | OrderStage::PickedUp => 5,
        OrderStage::Delivered => 6,
        OrderStage::Cancelled => return None,
    })
}

/// Whether an order at `from` may move to `to`. `cancelled_from` is where a cancelled order was.
pub(crate) fn allowed(from: OrderStage, to: OrderStage, cancelled_from: Option<OrderStage>) -> bool {
    if from == to {
        return false;
    }
    match (rank(from), rank(to)) {
        (None, _) => Some(to) == cancelled_from.or(Some(OrderStage::Inquiry)),
        (Some(_), None) => from != OrderStage::Delivered,
        (Some(a), Some(b)) => b >= a || b + 1 == a,
    }
}

/// Every stage `from` may move to, in pipeline order (cancelled last).
pub(crate) fn next(from: OrderStage, cancelled_from: Option<OrderStage>) -> Vec<OrderStage> {
    OrderStage::ALL.iter().copied().filter(|&to| allowed(from, to, cancelled_from)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStage::*;

    #[test]
    fn forward_moves_may_skip_and_back_moves_are_one_step() {
        assert!(allowed(Inquiry, Agreed, None));
        assert!(allowed(Agreed, InProduction, None));
        assert!(allowed(Ready, PickedUp, None));
        assert!(allowed(Shipped, Delivered, None));
        assert!(allowed(PickedUp, Delivered, None));
        assert!(allowed(Paid, Agreed, None), "one step back fixes a mistake");
        assert!(allowed(Delivered, Shipped, None));
        assert!(allowed(Delivered, PickedUp, None));
        assert!(allowed(Shipped, PickedUp, None), "shipped and picked up are the same step");
        assert!(!allowed(Paid, Inquiry, None), "two steps back");
        assert!(!allowed(Delivered, Ready, None));
        assert!(!allowed(Agreed, Agreed, None));
    }

    #[test]
    fn cancelling_and_returning() {
        assert!(allowed(Inquiry, Cancelled, None));
        assert!(allowed(Shipped, Cancelled, None));
        assert!(!allowed(Delivered, Cancelled, None), "a delivered order is not cancelled");
        assert_eq!(next(Cancelled, Some(Paid)), vec![Paid]);
        assert_eq!(next(Cancelled, None), vec![Inquiry]);
        assert!(!allowed(Cancelled, Delivered, Some(Paid)));
    }

    #[test]
    fn next_lists_the_allowed_stages_in_pipeline_order() {
        assert_eq!(
            next(Inquiry, None),
            vec![Agreed, Paid, InProduction, Ready, Shipped, PickedUp, Delivered, Cancelled]
        );
        assert_eq!(next(Delivered, None), vec![Shipped, PickedUp]);
        assert_eq!(next(Ready, None), vec![InProduction, Shipped, PickedUp, Delivered, Cancelled]);
    }
}
