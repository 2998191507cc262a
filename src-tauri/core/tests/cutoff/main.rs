//! Cut-off and capacity through `Mostrador` on real SQLite files: the calendar's settings,
//! closed dates, products, deadlines, and the answers computed from open orders.

mod facade;
mod sample_shop;
