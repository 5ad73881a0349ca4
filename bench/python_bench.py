"""latipay (Rust core via PyO3) against the idiomatic pure-Python implementation
(stdlib hmac + urllib.parse), in one run, on the documented create request and
notification. Prints the time per call of each and the ratio.

    python bench/python_bench.py            # after `pip install ./bindings-python`
    python bench/python_bench.py --quick    # fewer rounds, for a smoke run
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import platform
import timeit
import urllib.parse
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

import latipay

VECTORS = Path(__file__).resolve().parents[1] / "tests" / "vectors"


def known_answer(file: str, name: str) -> Dict[str, Any]:
    """One case of the shared known-answer vectors: the benchmark signs what the tests check."""
    with open(VECTORS / file, encoding="utf-8") as f:
        case: Dict[str, Any] = next(c for c in json.load(f)["cases"] if c["name"] == name)
    return case


CREATE_REQUEST: Dict[str, Optional[str]] = known_answer("signatures.json", "create transaction")["params"]
NOTIFICATION_CASE = known_answer("notifications.json", "documented example")
NOTIFICATION: bytes = NOTIFICATION_CASE["body"].encode()
API_KEY: str = NOTIFICATION_CASE["api_key"]
GOAL = 4.0


def python_sign(params: Mapping[str, Optional[str]], api_key: str) -> str:
    """Rule A as a careful merchant writes it in Python."""
    message = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if v and k != "signature")
    return hmac.new(api_key.encode(), (message + api_key).encode(), hashlib.sha256).hexdigest()


def python_verify_notification(body: bytes, api_key: str) -> Dict[str, str]:
    """Rule B on a notification as a careful merchant writes it in Python."""
    fields = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True, strict_parsing=True))
    message = "".join(fields[k] for k in ("merchant_reference", "payment_method", "status", "currency", "amount"))
    expected = hmac.new(api_key.encode(), message.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields.get("signature", "")):
        raise ValueError("invalid signature")
    return fields


def per_call(ours: Callable[[], object], theirs: Callable[[], object], number: int, repeat: int) -> Tuple[float, float]:
    """Seconds per call of each, the best of `repeat` rounds of `number` calls. The
    rounds alternate, so a change in the machine's speed touches both sides alike."""
    best_ours = best_theirs = float("inf")
    for _ in range(repeat):
        best_ours = min(best_ours, timeit.timeit(ours, number=number) / number)
        best_theirs = min(best_theirs, timeit.timeit(theirs, number=number) / number)
    return best_ours, best_theirs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run, not a measurement)")
    args = parser.parse_args()
    number, repeat = (2_000, 3) if args.quick else (50_000, 15)

    # Both sides must agree before they are timed (a check `python -O` keeps).
    if latipay.sign(CREATE_REQUEST, API_KEY) != python_sign(CREATE_REQUEST, API_KEY):
        raise SystemExit("latipay.sign and the pure-Python rule A disagree")
    verified = latipay.verify_notification(NOTIFICATION, API_KEY)
    if verified.amount != python_verify_notification(NOTIFICATION, API_KEY)["amount"]:
        raise SystemExit("the two notification checks disagree")

    rows: List[Tuple[str, Tuple[float, float]]] = [
        (
            "sign (10-field create request)",
            per_call(
                lambda: latipay.sign(CREATE_REQUEST, API_KEY),
                lambda: python_sign(CREATE_REQUEST, API_KEY),
                number,
                repeat,
            ),
        ),
        (
            "verify_notification",
            per_call(
                lambda: latipay.verify_notification(NOTIFICATION, API_KEY),
                lambda: python_verify_notification(NOTIFICATION, API_KEY),
                number,
                repeat,
            ),
        ),
    ]
    print(f"Python {platform.python_version()} on {platform.machine()}, latipay {latipay.__version__}; "
          f"best of {repeat} alternating rounds of {number} calls")
    print(f"{'operation':34} {'latipay':>10} {'pure Python':>12} {'ratio':>7}")
    met = True
    for name, (ours, theirs) in rows:
        ratio = theirs / ours
        met &= ratio >= GOAL
        print(f"{name:34} {ours * 1e6:8.2f} µs {theirs * 1e6:10.2f} µs {ratio:6.1f}x")
    if args.quick:
        print("quick run: a smoke test of this script, too short to judge the goal")
    else:
        print(f"goal: latipay at least {GOAL:.0f}x faster: {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
