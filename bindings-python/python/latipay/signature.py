"""Latipay's two signature rules, for debugging and for tests.

Rule A ("sorted") signs every request a merchant sends; rule B ("concat")
signs what Latipay sends back. :func:`latipay.sign`, :func:`latipay.verify_notification`
and :func:`latipay.verify_redirect` cover everyday use; these are the parts.
"""

from ._latipay import sign_concat, sign_outcome, sorted_message, verify_concat, verify_sorted

__all__ = ["sorted_message", "verify_sorted", "sign_concat", "verify_concat", "sign_outcome"]
