"""Reading JSON that people and other programs wrote, refusing what json.loads would accept but change
or crash on later: duplicate keys (one would be dropped on the next write), NaN and Infinity (not JSON,
and written back as such), numbers too large to hold, and nesting deep enough to exhaust the stack."""

import json
import math

MAX_DEPTH = 64  # progress.json nests 7 deep; json's pure-Python encoder (indent=) recurses per level
MAX_INTEGER_DIGITS = 30


class Invalid(ValueError):
    """Why a text is refused, as a phrase: 'not valid JSON (...)', 'the key 'x' appears twice ...'."""


def loads(text: str) -> object:
    try:
        value = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise Invalid(
            f"not valid JSON ({error.msg.removesuffix(' at')} at line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise Invalid(f"nested more than {MAX_DEPTH} deep") from None
    if type(value) in (dict, list) and _deeper_than(text, value, MAX_DEPTH):
        raise Invalid(f"nested more than {MAX_DEPTH} deep")
    return value


def _deeper_than(text: str, value: object, limit: int) -> bool:
    """Whether value nests more than limit deep (a walk without recursion, skipped when text has too
    few brackets to nest that deep)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    stack = [(value, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > limit:
            return True
        for item in container.values() if type(container) is dict else container:
            if type(item) is dict or type(item) is list:
                stack.append((item, depth + 1))
    return False


def _object(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        from pathcli.text import excerpt

        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise Invalid(f"the key '{excerpt(twice)}' appears twice in one object")
    return result


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise Invalid(f"a number of {len(digits)} digits, more than pathcli reads")
    return int(digits)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Invalid(f"the number {text[:20]} is too large")
    return value


def _constant(name: str):
    raise Invalid(f"{name} is not a number JSON allows")
