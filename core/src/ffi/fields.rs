//! The fields of each type the bindings declare, listed once with their doc
//! comments. Each `with_*_fields!` macro calls back the binding's own
//! declaring macro (`$then`) with `$input` followed by `fields { … }`: one
//! `name: Type,` per field (text, some of it named by what it holds in
//! [`text`](super::text), optional text, a number), each with its
//! docs, and for a request an optional `= default` token (`None`, `false`).
//! A binding adds its own attributes (`#[napi(object)]`, `#[pyclass]`,
//! `#[derive(uniffi::Record)]`) and the fields whose type is its own (a date,
//! a map, bytes); the views of this module are declared the same way.
//!
//! The docs are `#[doc = "…"]` attributes rather than `///` comments: a
//! comment passed through a macro arrives as a raw string (`r" …"`), which
//! napi-rs copies into `index.d.ts` as written.

/// The text fields of a verified payment (notification or query), in order.
#[macro_export]
macro_rules! with_payment_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The merchant's order reference (signed)."]
            merchant_reference: String,
            #[doc = "Latipay's transaction id, when sent (unsigned)."]
            order_id: Option<String>,
            #[doc = "The payment method's wire value, e.g. `alipay` (signed)."]
            payment_method: $crate::ffi::text::PaymentMethod,
            #[doc = "The status's wire value, e.g. `paid` (signed)."]
            status: $crate::ffi::text::PaymentStatus,
            #[doc = "The wallet's currency, e.g. `NZD` (signed)."]
            currency: String,
            #[doc = "The amount exactly as received, e.g. `120.00` (signed)."]
            amount: String,
        } }
    };
}

/// The text fields of a verified browser redirect, in order.
#[macro_export]
macro_rules! with_redirect_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The merchant's order reference."]
            merchant_reference: String,
            #[doc = "The payment method's wire value."]
            payment_method: $crate::ffi::text::PaymentMethod,
            #[doc = "`paid`, or `cancel_or_fail` (WeChat), `failed`, `canceled`."]
            status: $crate::ffi::text::RedirectStatus,
            #[doc = "The wallet's currency."]
            currency: String,
            #[doc = "The amount exactly as received."]
            amount: String,
        } }
    };
}

/// The text fields of verified gateway data (a merchant-hosted QR code), in order.
#[macro_export]
macro_rules! with_gateway_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The merchant's order reference."]
            merchant_reference: String,
            #[doc = "Latipay's transaction id, when sent."]
            order_id: Option<String>,
            #[doc = "The nonce the data was fetched with."]
            nonce: String,
            #[doc = "`alipay` or `wechat`."]
            payment_method: $crate::ffi::text::PaymentMethod,
            #[doc = "The amount exactly as received."]
            amount: String,
            #[doc = "The wallet's currency."]
            currency: String,
            #[doc = "The amount in CNY, when sent."]
            amount_cny: Option<String>,
            #[doc = "The product name, when sent."]
            product_name: Option<String>,
            #[doc = "The merchant organisation's name, when sent."]
            organisation_name: Option<String>,
            #[doc = "The QR code's text (`weixin://…`), to render yourself."]
            qr_code_url: String,
            #[doc = "The QR code as a `data:image/png;base64,…` URL."]
            qr_code: String,
        } }
    };
}

/// The fields of a created transaction, in order.
#[macro_export]
macro_rules! with_created_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "Latipay's pay page (or gateway) base URL (signed)."]
            host_url: String,
            #[doc = "The single-use nonce (signed)."]
            nonce: String,
            #[doc = "The host URL and the nonce joined: where the customer pays."]
            payment_url: String,
        } }
    };
}

/// The fields of an accepted barcode payment.
#[macro_export]
macro_rules! with_barcode_accepted_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "Latipay's transaction id."]
            order_id: String,
        } }
    };
}

/// The fields of a signed request, in order.
#[macro_export]
macro_rules! with_signed_request_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "`GET` or `POST`."]
            method: String,
            #[doc = "The path and query, to append to the API base URL."]
            path: String,
            #[doc = "The JSON body of a `POST`; absent for a `GET`."]
            body: Option<String>,
            #[doc = "The `Content-Type` to send with a body."]
            content_type: String,
        } }
    };
}

/// The fields of one attempt of a call, in order (none of them secret).
#[macro_export]
macro_rules! with_attempt_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "`GET` or `POST`."]
            method: String,
            #[doc = "The URL's path, without the query string (a payment nonce `[REDACTED]`)."]
            path: String,
            #[doc = "1 for the first attempt of the call, 2 for its first retry, …"]
            attempt: u32,
            #[doc = "The HTTP status, when an answer's head arrived."]
            status: Option<u16>,
            #[doc = "From sending the request to the end of the attempt, in milliseconds."]
            duration_ms: f64,
            #[doc = "The error code the attempt met (`timeout`, `http_status` …); absent when it succeeded."]
            error_code: Option<String>,
            #[doc = "Whether another attempt follows."]
            retrying: bool,
        } }
    };
}

/// The fields of a checked amount, in order.
#[macro_export]
macro_rules! with_checked_amount_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The text that is signed and sent."]
            text: String,
            #[doc = "The amount in cents."]
            minor_units: i64,
        } }
    };
}

/// The fields of a transaction to create, as text, in order.
#[macro_export]
macro_rules! with_create_transaction_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The merchant's unique order reference."]
            merchant_reference: String,
            #[doc = "Decimal text with at most two decimals, e.g. `12.30`."]
            amount: String,
            #[doc = "`alipay`, `wechat`, `unionpay`, `polipay`, `payid` …"]
            payment_method: $crate::ffi::text::PaymentMethod,
            #[doc = "What the customer sees."]
            product_name: String,
            #[doc = "Where Latipay sends the notification (http or https)."]
            callback_url: String,
            #[doc = "The customer's IPv4 address (the POS's for in-store payments)."]
            ip: String,
            #[doc = "Where the browser returns after paying; needed unless merchant-hosted."]
            return_url: Option<String> = None,
            #[doc = "Where the hosted page's back button leads."]
            back_page_url: Option<String> = None,
            #[doc = "WeChat only: show the QR code on the hosted page."]
            present_qr: bool = false,
            #[doc = "Fetch the QR code with gateway data and show it yourself."]
            merchant_hosted: bool = false,
        } }
    };
}

/// The fields of a refund, as text, in order.
#[macro_export]
macro_rules! with_refund_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "Latipay's transaction id of the paid order."]
            order_id: String,
            #[doc = "Decimal text, at most what is left to refund."]
            refund_amount: String,
            #[doc = "The merchant's note for the refund."]
            reference: Option<String> = None,
        } }
    };
}

/// The fields of a barcode payment, as text, in order.
#[macro_export]
macro_rules! with_barcode_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The merchant's unique order reference."]
            merchant_reference: String,
            #[doc = "Decimal text, e.g. `8.50`."]
            amount: String,
            #[doc = "The code scanned from the customer's WeChat or Alipay app."]
            pay_code: String,
        } }
    };
}

/// The five fields Latipay signs in a payment outcome, in rule B's order.
#[macro_export]
macro_rules! with_outcome_fields {
    ($then:ident { $($input:tt)* }) => {
        $then! { $($input)* fields {
            #[doc = "The merchant's order reference."]
            merchant_reference: String,
            #[doc = "The payment method's wire value (`alipay`, `onlineBank` …)."]
            payment_method: $crate::ffi::text::PaymentMethod,
            #[doc = "The status's wire value (`paid`, `cancel_or_fail` …)."]
            status: $crate::ffi::text::RedirectStatus,
            #[doc = "The currency (`NZD`)."]
            currency: String,
            #[doc = "The amount as text (`120.00`)."]
            amount: String,
        } }
    };
}

/// Declares a binding's type from a field list: `$attr` on the struct, the
/// listed fields (each with the `$each` attributes too, e.g. `#[pyo3(get)]`),
/// then the binding's own fields; and `From` the core's `$view`, each listed
/// field by `Into`, each own one from its expression over `$v` (and, with
/// `via $core`, `From` the core type the view is made from). A binding
/// calls it through a `with_*_fields!` macro, e.g.
/// `latipay::with_redirect_fields!(binding_type { … })`.
#[macro_export]
macro_rules! binding_type {
    (
        $(#[$attr:meta])* $vis:vis struct $name:ident from $view:ty $(, via $core:ty)?,
        each [$($each:tt)*],
        |$v:ident| { $( $(#[$xattr:meta])* $xfield:ident: $xty:ty = $conv:expr, )* }
        fields { $( $(#[$doc:meta])* $field:ident: $ty:ty, )* }
    ) => {
        $crate::binding_type! {
            @declare [$(#[$attr])* $vis struct $name] [$($each)*]
            [$( $(#[$xattr])* $vis $xfield: $xty, )*] []
            $( [$(#[$doc])* $vis $field: $ty] )*
        }

        impl From<$view> for $name {
            fn from($v: $view) -> Self {
                $name { $( $xfield: $conv, )* $( $field: $v.$field.into(), )* }
            }
        }

        $(
            impl From<$core> for $name {
                fn from(value: $core) -> Self {
                    <$view>::from(value).into()
                }
            }
        )?
    };
    // One listed field at a time, each given the `each` attributes.
    (@declare $head:tt [$($each:tt)*] $own:tt [$($done:tt)*] [$($field:tt)*] $($rest:tt)*) => {
        $crate::binding_type! {
            @declare $head [$($each)*] $own [$($done)* $($each)* $($field)*,] $($rest)*
        }
    };
    (@declare [$($head:tt)*] $each:tt [$($own:tt)*] [$($done:tt)*]) => {
        $($head)* { $($done)* $($own)* }
    };
}

/// Declares a struct of owned fields (a view of this module): `$attr` on the
/// struct, the listed fields, then `extra` ones; defaults are ignored.
macro_rules! view {
    (
        $(#[$attr:meta])* $name:ident { $( $(#[$xdoc:meta])* $xfield:ident: $xty:ty, )* }
        fields { $( $(#[$doc:meta])* $field:ident: $ty:ty $(= $default:tt)?, )* }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $( $(#[$doc])* pub $field: $ty, )*
            $( $(#[$xdoc])* pub $xfield: $xty, )*
        }
    };
}
pub(crate) use view;
