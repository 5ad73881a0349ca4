//! What a merchant sends, as Kotlin data classes declared from the core's
//! field lists (`latipay::with_*_fields!`); the core's binding layer checks
//! them. Amounts are `String`s.

use latipay::ffi;

/// Declares a `uniffi::Record` of the listed fields (with their defaults)
/// and `From` it into the core's text type `$text`.
macro_rules! record {
    (
        $(#[$attr:meta])* $name:ident into $text:path,
        fields { $( $(#[$doc:meta])* $field:ident: $ty:ty $(= $default:tt)?, )* }
    ) => {
        $(#[$attr])*
        #[derive(uniffi::Record)]
        pub struct $name {
            $( $(#[$doc])* $(#[uniffi(default = $default)])? pub $field: $ty, )*
        }

        impl From<$name> for $text {
            fn from(record: $name) -> Self {
                $text { $( $field: record.$field, )* }
            }
        }
    };
}

latipay::with_create_transaction_fields!(record {
    /// A transaction to create: hosted (send the customer to `paymentUrl`) or,
    /// with `merchantHosted = true`, a QR code the POS shows itself.
    CreateTransaction into ffi::CreateTransactionText,
});

latipay::with_refund_fields!(record {
    /// A refund of a paid order, by Latipay's `orderId` (`payment.orderId`).
    Refund into ffi::RefundText,
});

latipay::with_barcode_fields!(record {
    /// An in-store payment from the code a customer shows (scanned by the POS).
    BarcodePayment into ffi::BarcodeText,
});

latipay::with_outcome_fields!(record {
    /// The five fields Latipay signs in a notification (rule B), for `signOutcome`.
    OutcomeFields into ffi::Outcome,
});
