//! The pages' HTML: self-contained (inline style, pictures as data URLs, no
//! external assets), every merchant-supplied text escaped.

use crate::order::Order;

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0;padding:2rem}\
main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:1.5rem 2rem;box-shadow:0 2px 12px #0002}\
h1{font-size:1.2rem;margin:0 0 1rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}\
dt{color:#667}dd{margin:0;font-weight:600}.amount{font-size:1.6rem}\
form{display:flex;gap:.6rem;margin-top:1.5rem}button{flex:1;padding:.7rem;border:0;border-radius:8px;font-size:1rem;cursor:pointer}\
#pay{background:#1a7f37;color:#fff}#fail{background:#cf222e;color:#fff}#cancel{background:#d0d7de}\
.qr{text-align:center}.note{color:#667;font-size:.85rem}";

/// A whole page around `body`.
pub(crate) fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{title}</title><style>{STYLE}</style></head><body><main>{body}\
<p class=\"note\">Latipay sandbox: no real money moves.</p></main></body></html>",
        title = escape(title)
    )
}

/// The order's details as a definition list.
fn details(order: &Order) -> String {
    format!(
        "<dl><dt>Merchant</dt><dd id=\"merchant\">{user} · wallet {wallet}</dd>\
<dt>Product</dt><dd id=\"product\">{product}</dd>\
<dt>Amount</dt><dd id=\"amount\" class=\"amount\">{currency} {amount}</dd>\
<dt>Method</dt><dd id=\"method\">{method}</dd>\
<dt>Reference</dt><dd id=\"reference\">{reference}</dd></dl>",
        user = escape(&order.user_id),
        wallet = escape(&order.wallet_id),
        product = escape(&order.product_name),
        currency = escape(&order.currency),
        amount = escape(order.amount.as_str()),
        method = escape(order.payment_method.as_str()),
        reference = escape(&order.merchant_reference),
    )
}

/// The page a customer pays on: details, an optional QR code, and the
/// Pay / Fail / Cancel buttons posting to `action`.
pub(crate) fn checkout(order: &Order, action: &str, qr_png_data_url: Option<&str>) -> String {
    let qr = qr_png_data_url
        .map(|src| {
            format!(
                "<p class=\"qr\"><img id=\"qr\" alt=\"QR code to scan with WeChat\" width=\"240\" height=\"240\" src=\"{}\"></p>",
                escape(src)
            )
        })
        .unwrap_or_default();
    let back = order
        .back_page_url
        .as_deref()
        .map(|url| {
            format!(
                "<p><a id=\"back\" href=\"{}\">Back to the merchant</a></p>",
                escape(url)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1>Pay {currency} {amount}</h1>{details}{qr}\
<form method=\"post\" action=\"{action}\">\
<button id=\"pay\" name=\"action\" value=\"pay\">Pay</button>\
<button id=\"fail\" name=\"action\" value=\"fail\">Fail</button>\
<button id=\"cancel\" name=\"action\" value=\"cancel\">Cancel</button></form>{back}",
        currency = escape(&order.currency),
        amount = escape(order.amount.as_str()),
        details = details(order),
        action = escape(action),
    );
    page(
        &format!("Pay {} {}", order.currency, order.amount.as_str()),
        &body,
    )
}

/// A page that only says something (a result or an error).
pub(crate) fn message(title: &str, text: &str) -> String {
    page(
        title,
        &format!(
            "<h1 id=\"title\">{}</h1><p id=\"message\">{}</p>",
            escape(title),
            escape(text)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
