//! The five fields Latipay signs by rule B in notifications, redirects and
//! query responses: `merchant_reference + payment_method + status + currency + amount`.

use crate::amount::{received_matches, Amount};
use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::payment_method::PaymentMethod;
use crate::received;
use crate::signature::{require_key, sign_concat, verify_concat};
use crate::status::Status;
use crate::validate;

/// The five values Latipay signs by rule B on a payment outcome (notification,
/// redirect, query answer), as text exactly as sent. The field order of the
/// rule lives here, in one place.
///
/// Merchants seldom need it: [`crate::verify_notification`] and friends check
/// it. It lets a test of your notification handler, or a stand-in server such
/// as the project's sandbox, sign an outcome as Latipay does.
///
/// ```
/// use latipay::signature::OutcomeFields;
/// let fields = OutcomeFields {
///     merchant_reference: "dsi39ej430sks03",
///     payment_method: "alipay",
///     status: "paid",
///     currency: "NZD",
///     amount: "120.00",
/// };
/// assert_eq!(fields.sign("111222333"), "840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeFields<'a> {
    /// The merchant's order reference.
    pub merchant_reference: &'a str,
    /// The payment method's wire value (`alipay`, `onlineBank` …).
    pub payment_method: &'a str,
    /// The status's wire value (`paid`, `cancel_or_fail` …).
    pub status: &'a str,
    /// The currency (`NZD`).
    pub currency: &'a str,
    /// The amount as text (`120.00`).
    pub amount: &'a str,
}

impl OutcomeFields<'_> {
    /// The values in the order rule B concatenates them.
    fn parts(&self) -> [&str; 5] {
        [
            self.merchant_reference,
            self.payment_method,
            self.status,
            self.currency,
            self.amount,
        ]
    }

    /// The rule-B signature, lowercase hex.
    pub fn sign(&self, api_key: &str) -> String {
        sign_concat(&self.parts(), api_key)
    }

    /// Checks a rule-B signature: every field within its grammar (which
    /// makes the split of the message unique; any documented status, WeChat's
    /// redirect `cancel_or_fail` included), then the MAC in constant time.
    pub fn verify(&self, api_key: &str, signature: &str) -> bool {
        self.within_grammar("outcome", Carrier::Redirect).is_ok()
            && verify_concat(&self.parts(), api_key, signature)
    }

    /// Holds every field to its grammar, in rule B's order, naming the first
    /// one at fault; returns the method and status they name.
    fn within_grammar(
        &self,
        what: &'static str,
        carrier: Carrier,
    ) -> Result<(PaymentMethod, Status)> {
        received::merchant_reference(what, self.merchant_reference)?;
        let method = received::payment_method(what, self.payment_method)?;
        let status = received::status(what, self.status, carrier == Carrier::Redirect)?;
        received::currency(what, self.currency)?;
        received::amount(what, "amount", self.amount)?;
        Ok((method, status))
    }

    /// Whether these fields report a payment for the order the merchant
    /// stored: the same `merchant_reference` and `currency`, an `amount` worth
    /// `amount` (`"120"` is `"120.00"`), and `payment_method`, or `onlineBank`
    /// for an order placed with `polipay`. The status is not compared.
    pub fn matches(
        &self,
        merchant_reference: &str,
        payment_method: &PaymentMethod,
        currency: &str,
        amount: &Amount,
    ) -> bool {
        self.merchant_reference == merchant_reference
            && PaymentMethod::known(self.payment_method).is_some_and(|m| m.fulfils(payment_method))
            && self.currency == currency
            && received_matches(self.amount, amount)
    }

    /// [`OutcomeFields::matches`] for an order given as text: each of its
    /// fields is checked first, and one the library could not have sent is
    /// `invalid_argument` naming it.
    ///
    /// ```
    /// use latipay::signature::OutcomeFields;
    /// use latipay::StoredOrder;
    /// let paid = OutcomeFields {
    ///     merchant_reference: "order-7", payment_method: "onlineBank", status: "paid",
    ///     currency: "NZD", amount: "5.00",
    /// };
    /// let order = StoredOrder { merchant_reference: "order-7", payment_method: "polipay", currency: "NZD", amount: "5" };
    /// assert!(paid.matches_stored(&order)?);
    /// let lower = StoredOrder { currency: "nzd", ..order };
    /// assert_eq!(paid.matches_stored(&lower).unwrap_err().code(), "invalid_argument");
    /// # Ok::<(), latipay::Error>(())
    /// ```
    pub fn matches_stored(&self, order: &StoredOrder<'_>) -> Result<bool> {
        let (method, amount) = order.checked()?;
        Ok(self.matches(order.merchant_reference, &method, order.currency, &amount))
    }
}

/// An order as the merchant stored it, as text (how a form, a database row or
/// another language hands it over): what [`OutcomeFields::matches_stored`]
/// holds a verified payment to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredOrder<'a> {
    /// The order's reference, as sent to Latipay.
    pub merchant_reference: &'a str,
    /// The payment method it was created with (`alipay`, `polipay` …).
    pub payment_method: &'a str,
    /// The wallet's currency, as Latipay writes it (`NZD`).
    pub currency: &'a str,
    /// The amount ordered (`120.00`, or `120`: worth the same).
    pub amount: &'a str,
}

impl StoredOrder<'_> {
    /// The order's method and amount, after checking each field is one the
    /// library could have sent: otherwise `invalid_argument` naming the field
    /// (a mis-cased currency or method would never match, silently).
    fn checked(&self) -> Result<(PaymentMethod, Amount)> {
        validate::merchant_reference(self.merchant_reference)?;
        let method = PaymentMethod::parse(self.payment_method)?;
        validate::currency(self.currency)?;
        Ok((method, Amount::parse(self.amount)?))
    }
}

/// Which statuses an outcome may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Carrier {
    /// A notification or a query answer: a payment's status.
    Payment,
    /// The browser redirect, which may also say WeChat's `cancel_or_fail`.
    Redirect,
}

/// A verified payment outcome, every field within its grammar, the amount
/// exactly as received.
#[derive(Debug)]
pub(crate) struct SignedOutcome {
    pub(crate) merchant_reference: String,
    pub(crate) payment_method: PaymentMethod,
    pub(crate) status: Status,
    pub(crate) currency: String,
    pub(crate) amount: String,
}

impl SignedOutcome {
    /// Takes the five signed fields and the signature out of `fields`, holds
    /// each field to its grammar (see [`crate::received`]: only then is the
    /// split of rule B's message unique) and checks the signature in constant
    /// time over the text as received.
    pub(crate) fn take_verified(
        fields: &mut Fields,
        api_key: &str,
        carrier: Carrier,
    ) -> Result<Self> {
        require_key(api_key)?;
        let what = fields.what();
        let signature = fields.signature()?;
        // Present, then within their grammar (where an empty value is not):
        // the first field at fault in rule B's order is the one named.
        let merchant_reference = fields.present("merchant_reference")?;
        let payment_method = fields.present("payment_method")?;
        let status = fields.present("status")?;
        let currency = fields.present("currency")?;
        let amount = fields.present("amount")?;
        let signed = OutcomeFields {
            merchant_reference: &merchant_reference,
            payment_method: &payment_method,
            status: &status,
            currency: &currency,
            amount: &amount,
        };
        let (method, known_status) = signed.within_grammar(what, carrier)?;
        if !verify_concat(&signed.parts(), api_key, &signature) {
            return Err(Error::InvalidSignature { what });
        }
        Ok(SignedOutcome {
            merchant_reference: merchant_reference.into_owned(),
            payment_method: method,
            status: known_status,
            currency: currency.into_owned(),
            amount: amount.into_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_refuses_a_re_cut_message_under_a_valid_signature() {
        let paid = OutcomeFields {
            merchant_reference: "order-12",
            payment_method: "alipay",
            status: "paid",
            currency: "NZD",
            amount: "20.00",
        };
        let signature = paid.sign("k3y");
        assert!(paid.verify("k3y", &signature));
        for re_cut in [
            OutcomeFields {
                merchant_reference: "order-1",
                payment_method: "2alipay",
                ..paid
            },
            OutcomeFields {
                currency: "NZD2",
                amount: "0.00",
                ..paid
            },
            OutcomeFields {
                status: "paidN",
                currency: "ZD",
                ..paid
            },
        ] {
            assert_eq!(sign_concat(&re_cut.parts(), "k3y"), signature);
            assert!(!re_cut.verify("k3y", &signature), "{re_cut:?}");
        }
    }
}
