//! The packed text of the Node and JVM fast paths: names and values joined by
//! NUL (`name\0value\0name\0value…`), which crosses a language boundary as one
//! string instead of one call per field. Text holding a NUL cannot be packed;
//! the slow path takes it.

use super::results::PaymentView;

/// Separates the names and values of packed text.
const SEPARATOR: &str = "\0";

/// The pairs of `name\0value\0…`; the empty text is no pairs. `None` when a
/// name has no value (an odd number of parts): nothing is silently dropped.
pub fn unpack_pairs(packed: &str) -> Option<Vec<(&str, &str)>> {
    if packed.is_empty() {
        return Some(Vec::new());
    }
    let mut parts = packed.split(SEPARATOR);
    let mut pairs = Vec::with_capacity(16);
    while let Some(name) = parts.next() {
        pairs.push((name, parts.next()?));
    }
    Some(pairs)
}

/// A verified payment packed in field order: `merchantReference`, `orderId`,
/// `paymentMethod`, `status`, `currency`, `amount`, `payTimeMillis`,
/// `payTimeRaw`, then a name and a value per extra field; an absent value is
/// empty (a present one never is). `None` when a value holds a NUL.
pub fn pack_payment(payment: &PaymentView) -> Option<String> {
    let millis = payment
        .pay_time_millis()
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut fields: Vec<&str> = vec![
        &payment.merchant_reference,
        payment.order_id.as_deref().unwrap_or_default(),
        &payment.payment_method,
        &payment.status,
        &payment.currency,
        &payment.amount,
        &millis,
        payment.pay_time_raw.as_deref().unwrap_or_default(),
    ];
    for (name, value) in &payment.extra {
        fields.extend([name.as_str(), value.as_str()]);
    }
    if fields.iter().any(|f| f.contains(SEPARATOR)) {
        return None;
    }
    Some(fields.join(SEPARATOR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_unpack_and_a_lone_name_is_refused() {
        assert_eq!(
            unpack_pairs("user_id\0U000000013\0merchant_reference\x006000324"),
            Some(vec![
                ("user_id", "U000000013"),
                ("merchant_reference", "6000324")
            ])
        );
        assert_eq!(unpack_pairs("a\0"), Some(vec![("a", "")]));
        assert_eq!(unpack_pairs(""), Some(vec![]));
        assert_eq!(unpack_pairs("odd"), None);
        assert_eq!(unpack_pairs("a\x001\0b"), None);
    }

    #[test]
    fn a_verified_payment_packs_in_field_order() {
        let body =
            b"merchant_reference=dsi39ej430sks03&currency=NZD&amount=120.00&payment_method=alipay\
&status=paid&pay_time=2017-07-07%2010%3A53%3A50&payId=P%3D1\
&signature=840151e0dc39496e22b410b83058b4ddd633b786936c505ae978fae029a1e0f1";
        let payment = crate::verify_notification(body, "111222333").unwrap();
        assert_eq!(
            pack_payment(&payment.into()).unwrap(),
            [
                "dsi39ej430sks03",
                "",
                "alipay",
                "paid",
                "NZD",
                "120.00",
                "1499396030000",
                "2017-07-07 10:53:50",
                "payId",
                "P=1"
            ]
            .join("\0")
        );
        let with_nul = [&body[..], b"&x=%00"].concat();
        let payment = crate::verify_notification(&with_nul, "111222333").unwrap();
        assert_eq!(
            pack_payment(&payment.into()),
            None,
            "a NUL cannot be packed"
        );
    }
}
