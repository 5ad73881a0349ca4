//! The wire values a binding passes as text, named for what they hold. Each is
//! a `String` to Rust, Python and Kotlin; the names are there for type
//! generators that read them: napi-rs writes `paymentMethod: PaymentMethod`
//! into Node's `index.d.ts`, whose hand-written header declares each as the
//! union of the values the core accepts (`bindings-node/dts-header.d.ts`).

/// A payment method's wire value (`alipay`, `onlineBank` …): one the core
/// knows, exactly as documented.
pub type PaymentMethod = String;

/// A status's wire value in a notification or a query (`pending`, `paid` …).
pub type PaymentStatus = String;

/// A status's wire value in a browser redirect: a [`PaymentStatus`], or
/// WeChat's `cancel_or_fail`.
pub type RedirectStatus = String;
