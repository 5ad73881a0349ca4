//! Taking a secret out of text meant for people: whole, as a message quotes
//! it, and cut short at the end of a shortened quotation.

use crate::secret::REDACTED;

/// The mark [`crate::error::quoted`] writes after a quotation it shortened.
pub(crate) const CUT_MARK: &str = "\"…";

/// `text` with every form of `secret` it may hold replaced by [`REDACTED`]:
/// the secret as written, as Rust's `{:?}` writes it inside a quotation (a
/// quote or a combining mark escaped), as `escape_debug` writes it, and, right
/// before a [`CUT_MARK`], any beginning of it that a shortened quotation kept.
pub(crate) fn scrub_text(text: String, secret: &str) -> String {
    if secret.is_empty() {
        return text;
    }
    let debug = format!("{secret:?}");
    let escaped = secret.escape_debug().to_string();
    let forms = [secret, &debug[1..debug.len() - 1], escaped.as_str()];
    let mut text = text;
    for form in forms {
        if text.contains(form) {
            text = text.replace(form, REDACTED);
        }
    }
    if text.contains(CUT_MARK) {
        text = scrub_cut_beginnings(&text, &forms);
    }
    text
}

/// Replaces, before each [`CUT_MARK`], the longest beginning of any of
/// `forms` that the quotation ends with: what is left of a secret that was
/// quoted after other text and cut short.
fn scrub_cut_beginnings(text: &str, forms: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(CUT_MARK) {
        let before = &rest[..at];
        let kept = forms
            .iter()
            .flat_map(|form| form.char_indices().map(|(i, c)| &form[..i + c.len_utf8()]))
            .filter(|beginning| before.ends_with(beginning))
            .map(str::len)
            .max()
            .unwrap_or(0);
        out.push_str(&before[..before.len() - kept]);
        if kept > 0 {
            out.push_str(REDACTED);
        }
        out.push_str(CUT_MARK);
        rest = &rest[at + CUT_MARK.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::quoted;

    #[test]
    fn every_form_of_the_secret_is_taken_out() {
        for secret in [
            "s3cr3t-Key-9f8e7d",
            "k\"ey\\with'quotes-and-more",
            "\u{301}combining-first-key",
            "\u{301}co\"mbining-and-quote",
            "tab\tand\nnewline-key",
            &"k+/=".repeat(20),
        ] {
            // Six characters from the secret's middle, as written and as quoted.
            let middle: String = secret.chars().skip(1).take(6).collect();
            let middle_quoted = format!("{middle:?}");
            let marks = [middle.as_str(), &middle_quoted[1..middle_quoted.len() - 1]];
            for shown in [
                format!("bad {secret} here"),
                format!("got {}", quoted(secret)),
                format!("got {}", quoted(&format!("prefix-{secret}-suffix"))),
                format!("got {}", quoted(&format!("{}{secret}", "x".repeat(28)))),
                format!("{secret:?} and {:?}", format!("-{secret}")),
            ] {
                let clean = scrub_text(shown.clone(), secret);
                for mark in marks {
                    assert!(
                        !clean.contains(mark),
                        "{secret:?}: {shown:?} became {clean:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn text_without_the_secret_is_left_alone() {
        let shown = format!("got {}", quoted(&"x".repeat(60)));
        assert_eq!(scrub_text(shown.clone(), "s3cr3t"), shown);
        assert_eq!(scrub_text("plain".into(), ""), "plain");
    }
}
