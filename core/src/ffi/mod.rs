//! What every binding needs, written once (and free of any FFI dependency):
//! requests from plain text, flat views of results, one struct of error
//! details, the signing functions with their key rule, and the packed text
//! format of the Node and JVM fast paths. A binding declares its own types
//! over these, converts, and maps errors; it decides nothing.

mod errors;
mod fields;
mod packed;
mod pending;
mod requests;
mod results;
mod signing;
pub mod text;

pub use crate::secret::shown_name;
pub use errors::ErrorDetails;
pub use packed::{pack_payment, unpack_pairs};
pub use pending::{CallRequest, NextStep, OutgoingRequest, Pending, Reply, FAILURE_KINDS};
pub use requests::{BarcodeText, ClientOptions, CreateTransactionText, RefundText};
pub use results::{
    AttemptView, CheckedAmount, GatewayView, PaymentView, RedirectView, SignedRequestView,
};
pub use signing::{amount_matches, parse_amount, sign_concat, transition, Order, Outcome};

/// `text` (a URL, a proxy) as a binding may show it: any `user:password@`
/// replaced by `[REDACTED]`, the rest exactly as given.
pub fn shown_url(text: &str) -> String {
    crate::secret::without_userinfo(text).into_owned()
}
