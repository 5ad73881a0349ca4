//! Order status, and the forward-only rule for applying it.
//!
//! Latipay retries a notification until it is acknowledged, so the same status
//! can arrive many times, late, and out of order. [`Status::transition_to`] tells
//! a merchant whether an incoming status moves an order forward.

use std::fmt;

/// The status of a transaction as Latipay reports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `pending`: created, not paid yet.
    Pending,
    /// `paid`: the money was taken.
    Paid,
    /// `failed`: the payment failed.
    Failed,
    /// `canceled`: cancelled (some methods).
    Canceled,
    /// `rejected`: rejected (some methods).
    Rejected,
    /// `cancel_or_fail`: WeChat's redirect for anything but paid. It only ever
    /// arrives in the display-only redirect, so it never advances an order.
    CancelOrFail,
    /// A value not documented, kept verbatim: only ever from
    /// [`Status::from_wire`] (a status the merchant stored), never from a
    /// verified notification, redirect or query, which refuse it.
    Unknown(String),
}

/// What applying an incoming status to an order's current status means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transition {
    /// The order moves forward (`pending` → `paid`): apply it.
    Advance,
    /// Same status again (a retried notification): acknowledge and ignore.
    Duplicate,
    /// An older status arriving late (`paid` → `pending`): acknowledge and ignore.
    Stale,
    /// Two different final states (`failed` → `paid`), the redirect's
    /// `cancel_or_fail`, or a status this library does not know: do not decide
    /// automatically; query the order and review.
    Conflict,
}

impl Status {
    /// Maps a wire value; an undocumented one becomes [`Status::Unknown`]. For
    /// a status the merchant stored: what Latipay sends is held to the
    /// documented statuses before it is trusted.
    pub fn from_wire(text: &str) -> Self {
        match text {
            "pending" => Status::Pending,
            "paid" => Status::Paid,
            "failed" => Status::Failed,
            "canceled" => Status::Canceled,
            "rejected" => Status::Rejected,
            "cancel_or_fail" => Status::CancelOrFail,
            other => Status::Unknown(other.to_owned()),
        }
    }

    /// The documented status whose wire value is exactly `text`, if any.
    pub(crate) fn known(text: &str) -> Option<Self> {
        match Status::from_wire(text) {
            Status::Unknown(_) => None,
            known => Some(known),
        }
    }

    /// The wire value, e.g. `"paid"`.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Pending => "pending",
            Status::Paid => "paid",
            Status::Failed => "failed",
            Status::Canceled => "canceled",
            Status::Rejected => "rejected",
            Status::CancelOrFail => "cancel_or_fail",
            Status::Unknown(s) => s,
        }
    }

    /// Whether this is a final state: `paid`, `failed`, `canceled` or `rejected`.
    pub fn is_final(&self) -> bool {
        self.rank() == Some(1)
    }

    /// Classifies moving an order from `self` (what the merchant has stored) to
    /// `incoming` (what just arrived). Only [`Transition::Advance`] should change
    /// the order; a `paid` order never goes back to `pending`.
    pub fn transition_to(&self, incoming: &Status) -> Transition {
        if self == incoming {
            return Transition::Duplicate;
        }
        match (self.rank(), incoming.rank()) {
            (Some(from), Some(to)) if to > from => Transition::Advance,
            (Some(from), Some(to)) if to < from => Transition::Stale,
            _ => Transition::Conflict,
        }
    }

    /// Shorthand for `self.transition_to(incoming) == Transition::Advance`.
    pub fn can_advance_to(&self, incoming: &Status) -> bool {
        self.transition_to(incoming) == Transition::Advance
    }

    fn rank(&self) -> Option<u8> {
        match self {
            Status::Pending => Some(0),
            Status::Paid | Status::Failed | Status::Canceled | Status::Rejected => Some(1),
            Status::CancelOrFail | Status::Unknown(_) => None,
        }
    }
}

impl Transition {
    /// The stable name used by every binding: `advance`, `duplicate`, `stale`, `conflict`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Transition::Advance => "advance",
            Transition::Duplicate => "duplicate",
            Transition::Stale => "stale",
            Transition::Conflict => "conflict",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::Transition::*;
    use super::*;

    #[test]
    fn wire_values_round_trip() {
        for s in [
            "pending",
            "paid",
            "failed",
            "canceled",
            "rejected",
            "cancel_or_fail",
            "refunded",
        ] {
            assert_eq!(Status::from_wire(s).as_str(), s);
        }
        assert_eq!(Status::from_wire("refunded"), Unknown("refunded".into()));
    }

    #[test]
    fn no_status_ends_another() {
        // What makes rule B's split unique (see crate::received).
        let known = [
            "pending",
            "paid",
            "failed",
            "canceled",
            "rejected",
            "cancel_or_fail",
        ];
        for a in known {
            assert!(Status::known(a).is_some(), "{a}");
            for b in known.into_iter().filter(|b| *b != a) {
                assert!(!a.ends_with(b), "{a} ends with {b}");
            }
        }
        assert_eq!(Status::known("refunded"), None);
        assert_eq!(Status::known("Paid"), None);
    }

    #[test]
    fn forward_only() {
        assert_eq!(Pending.transition_to(&Paid), Advance);
        assert_eq!(Pending.transition_to(&Failed), Advance);
        assert_eq!(Paid.transition_to(&Paid), Duplicate);
        assert_eq!(Paid.transition_to(&Pending), Stale);
        assert_eq!(Failed.transition_to(&Pending), Stale);
        assert_eq!(Failed.transition_to(&Paid), Conflict);
        assert_eq!(Paid.transition_to(&Canceled), Conflict);
        assert_eq!(Pending.transition_to(&Unknown("x".into())), Conflict);
        assert_eq!(Pending.transition_to(&CancelOrFail), Conflict);
        assert!(!CancelOrFail.is_final());
        assert!(Pending.can_advance_to(&Paid));
        assert!(!Paid.can_advance_to(&Pending));
        assert!(Paid.is_final() && !Pending.is_final() && !Unknown("x".into()).is_final());
    }
}
