//! Immutable Python views of the core's results, declared from the core's
//! field lists (`latipay::with_*_fields!`) and converted from its flat views:
//! read-only attributes, and a `repr` naming the class and every field shown
//! (none of them is secret).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use latipay::{binding_type, ffi};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert;
use crate::errors::OrRaise;

/// `Name(field=value, …)`, each value shown by Python's `repr` of the attribute.
fn repr(object: &Bound<'_, PyAny>, name: &str, fields: &[&str]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        parts.push(format!("{field}={}", object.getattr(*field)?.repr()?));
    }
    Ok(format!("{name}({})", parts.join(", ")))
}

/// The methods a verified payment and a verified redirect share, over their
/// five signed fields.
macro_rules! outcome_methods {
    ($name:ident) => {
        #[pymethods]
        impl $name {
            /// Whether the amount is worth `expected` (`str` or `decimal.Decimal`).
            fn amount_matches(&self, expected: &Bound<'_, PyAny>) -> PyResult<bool> {
                let expected = convert::amount(expected, "expected")?;
                Ok(ffi::amount_matches(&self.amount, &expected))
            }

            /// Whether this is for the order you stored: the same reference and
            /// currency, an amount worth the same, the same method (or
            /// `onlineBank` for a `polipay` order). Check it before acting on a
            /// notification or a query. An order field the library could not
            /// have sent (a mis-cased currency or method) raises
            /// `ValidationError` rather than never matching.
            fn matches(
                &self,
                merchant_reference: &Bound<'_, PyAny>,
                payment_method: &Bound<'_, PyAny>,
                currency: &Bound<'_, PyAny>,
                amount: &Bound<'_, PyAny>,
            ) -> PyResult<bool> {
                let order = ffi::Order {
                    merchant_reference: convert::text(merchant_reference, "merchant_reference")?,
                    payment_method: convert::text(payment_method, "payment_method")?,
                    currency: convert::text(currency, "currency")?,
                    amount: convert::amount_text(amount, "amount")?,
                };
                let received = latipay::signature::OutcomeFields {
                    merchant_reference: &self.merchant_reference,
                    payment_method: &self.payment_method,
                    status: &self.status,
                    currency: &self.currency,
                    amount: &self.amount,
                };
                received.matches_stored(&order.stored()).or_raise()
            }
        }
    };
}

/// Declares a frozen pyclass from a core field list (`latipay::binding_type!`,
/// each listed field a read-only attribute), its `==`, and its `repr` of the
/// fields named in `repr`.
macro_rules! class {
    (
        $(#[$attr:meta])* $name:ident from $view:ty $(, via $core:ty)?, repr [$($shown:literal),*],
        |$v:ident| { $($own:tt)* }
        fields { $($fields:tt)* }
    ) => {
        binding_type! {
            $(#[$attr])*
            #[pyclass(frozen, module = "latipay")]
            #[derive(PartialEq)]
            pub(crate) struct $name from $view $(, via $core)?, each [#[pyo3(get)]],
            |$v| { $($own)* }
            fields { $($fields)* }
        }

        #[pymethods]
        impl $name {
            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                repr(slf.as_any(), stringify!($name), &[$($shown),*])
            }
            // Written out rather than `#[pyclass(eq)]`, whose generated code
            // does not resolve when its attribute comes through macros.
            fn __eq__(&self, other: &Self) -> bool {
                self == other
            }
        }
    };
}

latipay::with_payment_fields!(class {
    /// A verified payment, from a notification or a query.
    Payment from ffi::PaymentView, via latipay::Payment,
    repr ["merchant_reference", "order_id", "payment_method", "status", "currency", "amount", "pay_time", "extra"],
    |p| {
        /// `pay_time` as an aware datetime in UTC+08:00, or None (unsigned).
        #[pyo3(get)]
        pay_time: Option<DateTime<FixedOffset>> = p.pay_time,
        /// `pay_time` exactly as received (unsigned).
        #[pyo3(get)]
        pay_time_raw: Option<String> = p.pay_time_raw,
        /// Every other field received (unsigned), as a new dict.
        #[pyo3(get)]
        extra: BTreeMap<String, String> = p.extra,
    }
});

latipay::with_redirect_fields!(class {
    /// A verified browser redirect: for display only, never for fulfilment.
    Redirect from ffi::RedirectView, via latipay::Redirect,
    repr ["merchant_reference", "payment_method", "status", "currency", "amount", "extra"],
    |r| {
        /// Every other query parameter (unsigned), as a new dict.
        #[pyo3(get)]
        extra: BTreeMap<String, String> = r.extra,
    }
});

outcome_methods!(Payment);
outcome_methods!(Redirect);

latipay::with_created_fields!(class {
    /// A created transaction: send the customer to `payment_url`, or pass it to
    /// `Client.gateway_data` for a merchant-hosted QR code.
    CreatedTransaction from latipay::CreatedTransaction,
    repr ["host_url", "nonce", "payment_url"],
    |c| {}
});

impl CreatedTransaction {
    /// The core's value, for a gateway-data call.
    pub(crate) fn to_core(&self) -> latipay::CreatedTransaction {
        latipay::CreatedTransaction {
            host_url: self.host_url.clone(),
            nonce: self.nonce.clone(),
            payment_url: self.payment_url.clone(),
        }
    }
}

latipay::with_gateway_fields!(class {
    /// The QR code of a merchant-hosted transaction, verified.
    GatewayData from latipay::GatewayData,
    repr ["merchant_reference", "order_id", "nonce", "payment_method", "amount", "currency", "qr_code_url"],
    |g| {
        /// The PNG decoded (or why it could not be), read through `qr_code_png()`.
        png: latipay::Result<Vec<u8>> = g.qr_code_png(),
    }
});

#[pymethods]
impl GatewayData {
    /// The QR code picture as PNG bytes.
    fn qr_code_png<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let png = self.png.clone().or_raise()?;
        Ok(PyBytes::new(py, &png))
    }
}

latipay::with_barcode_accepted_fields!(class {
    /// Latipay accepted a barcode payment; read its outcome with a blocking query.
    BarcodeAccepted from latipay::BarcodeAccepted,
    repr ["order_id"],
    |b| {}
});

latipay::with_signed_request_fields!(class {
    /// A validated, signed request for your own HTTP client: send `method` to the
    /// API base URL + `path`, with `body` (JSON) and `content_type` for a `POST`.
    SignedRequest from ffi::SignedRequestView, via latipay::SignedRequest,
    repr ["method", "path", "body"],
    |r| {}
});

/// An amount checked by Latipay's rules (decimal text, at most two decimals,
/// within the limits); `str(amount)` is the text that is signed and sent.
#[pyclass(frozen, eq, module = "latipay")]
#[derive(PartialEq)]
pub(crate) struct Amount(pub(crate) latipay::Amount);

#[pymethods]
impl Amount {
    /// Checks `value` (`str` or `decimal.Decimal`).
    #[new]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        convert::amount(value, "amount").map(Amount)
    }
    /// The amount in cents (minor units).
    #[getter]
    fn minor_units(&self) -> u64 {
        self.0.minor_units()
    }
    fn __str__(&self) -> &str {
        self.0.as_str()
    }
    fn __repr__(&self) -> String {
        format!("Amount('{}')", self.0.as_str())
    }
}
