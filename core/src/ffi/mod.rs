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

pub use errors::ErrorDetails;
pub use packed::{pack_payment, unpack_pairs};
pub use pending::{CallRequest, NextStep, OutgoingRequest, Pending, Reply, FAILURE_KINDS};
pub use requests::{shown_name, BarcodeText, ClientOptions, CreateTransactionText, RefundText};
pub use results::{
    AttemptView, CheckedAmount, GatewayView, PaymentView, RedirectView, SignedRequestView,
};
pub use signing::{amount_matches, parse_amount, sign_concat, transition, Order, Outcome};
