//! Former home of every area's types, kept as re-exports while the crates that use the core move to
//! the areas' own paths.

pub use crate::accounts::*;
pub use crate::answers::*;
pub use crate::backups::*;
pub use crate::buyers::*;
pub use crate::conversations::*;
pub use crate::cutoff::*;
pub use crate::inbox::*;
pub use crate::ingest::*;
pub use crate::metrics::*;
pub use crate::orders::*;
pub use crate::pages::*;
pub use crate::replies::*;
pub use crate::settings::*;
pub use crate::vocabulary::*;
