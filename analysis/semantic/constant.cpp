#include "analysis/semantic/constant.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace vigil::analysis {

namespace {

// Folding never builds a string or sequence longer than this: `"x" * 10**9` is not a constant
// worth holding.
constexpr std::size_t max_folded_size = 4096;

bool is_sequence(Constant::Kind kind) {
    return kind == Constant::Kind::Tuple || kind == Constant::Kind::List;
}

// The number as a double, for comparisons across int, bool and float.
double as_double(const Constant& value) {
    switch (value.kind) {
    case Constant::Kind::Bool:
        return value.boolean ? 1.0 : 0.0;
    case Constant::Kind::Int:
        return static_cast<double>(value.integer);
    default:
        return value.real;
    }
}

// An int or bool as an int (Python's bool is an int).
std::optional<std::int64_t> as_integer(const Constant& value) {
    if (value.kind == Constant::Kind::Int) {
        return value.integer;
    }
    if (value.kind == Constant::Kind::Bool) {
        return value.boolean ? 1 : 0;
    }
    return std::nullopt;
}

// Python's floor division and modulo round toward negative infinity.
std::int64_t floor_divide(std::int64_t a, std::int64_t b) {
    const std::int64_t quotient = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}
std::int64_t floor_modulo(std::int64_t a, std::int64_t b) {
    const std::int64_t remainder = a % b;
    return (remainder != 0 && ((remainder < 0) != (b < 0))) ? remainder + b : remainder;
}

std::optional<Constant> fold_integers(std::int64_t a, std::string_view op, std::int64_t b) {
    std::int64_t result = 0;
    if (op == "+") {
        if (__builtin_add_overflow(a, b, &result)) {
            return std::nullopt;
        }
    } else if (op == "-") {
        if (__builtin_sub_overflow(a, b, &result)) {
            return std::nullopt;
        }
    } else if (op == "*") {
        if (__builtin_mul_overflow(a, b, &result)) {
            return std::nullopt;
        }
    } else if (op == "//" || op == "%") {
        if (b == 0 || (a == std::numeric_limits<std::int64_t>::min() && b == -1)) {
            return std::nullopt; // ZeroDivisionError, or beyond 64 bits
        }
        result = op == "//" ? floor_divide(a, b) : floor_modulo(a, b);
    } else if (op == "/") {
        if (b == 0) {
            return std::nullopt;
        }
        return Constant::of_float(static_cast<double>(a) / static_cast<double>(b));
    } else if (op == "**") {
        if (b < 0) {
            return std::nullopt; // a float in Python; not needed
        }
        result = 1;
        for (std::int64_t i = 0; i < b; ++i) {
            if (__builtin_mul_overflow(result, a, &result)) {
                return std::nullopt;
            }
            if (result == 0 || result == 1) {
                break; // 0**n and 1**n stay put
            }
        }
    } else if (op == "&") {
        result = a & b;
    } else if (op == "|") {
        result = a | b;
    } else if (op == "^") {
        result = a ^ b;
    } else if (op == "<<") {
        if (b < 0 || b >= 63 || a < 0 || (a >> (63 - b)) != 0) {
            return std::nullopt;
        }
        result = a << b;
    } else if (op == ">>") {
        if (b < 0) {
            return std::nullopt;
        }
        result = b >= 63 ? (a < 0 ? -1 : 0) : (a >> b); // arithmetic shift, as Python's
    } else {
        return std::nullopt;
    }
    return Constant::of_int(result);
}

std::optional<Constant> fold_floats(double a, std::string_view op, double b) {
    if (op == "+") {
        return Constant::of_float(a + b);
    }
    if (op == "-") {
        return Constant::of_float(a - b);
    }
    if (op == "*") {
        return Constant::of_float(a * b);
    }
    if (op == "/" && b != 0) {
        return Constant::of_float(a / b);
    }
    return std::nullopt;
}

// `text * count` for a string, bytes or sequence.
std::optional<Constant> repeat(const Constant& value, std::int64_t count) {
    count = std::max<std::int64_t>(count, 0);
    Constant result = value;
    if (value.is_text()) {
        if (count > 0 && value.text.size() > max_folded_size / static_cast<std::size_t>(count)) {
            return std::nullopt;
        }
        result.text.clear();
        for (std::int64_t i = 0; i < count; ++i) {
            result.text += value.text;
        }
        return result;
    }
    if (count > 0 && value.elements.size() > max_folded_size / static_cast<std::size_t>(count)) {
        return std::nullopt;
    }
    result.elements.clear();
    for (std::int64_t i = 0; i < count; ++i) {
        result.elements.insert(result.elements.end(), value.elements.begin(), value.elements.end());
    }
    return result;
}

// -1 / 0 / 1 for an ordering comparison Python allows; nullopt where it would raise.
std::optional<int> order(const Constant& a, const Constant& b) {
    if (a.is_number() && b.is_number()) {
        const auto ia = as_integer(a);
        const auto ib = as_integer(b);
        if (ia && ib) {
            return *ia < *ib ? -1 : (*ia > *ib ? 1 : 0);
        }
        const double da = as_double(a);
        const double db = as_double(b);
        if (std::isnan(da) || std::isnan(db)) {
            return std::nullopt;
        }
        return da < db ? -1 : (da > db ? 1 : 0);
    }
    if (a.kind == b.kind && a.is_text()) {
        const int c = a.text.compare(b.text); // byte order is code point order in UTF-8
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.kind == b.kind && is_sequence(a.kind)) {
        const std::size_t n = std::min(a.elements.size(), b.elements.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (!(a.elements[i] == b.elements[i])) {
                return order(a.elements[i], b.elements[i]);
            }
        }
        return a.elements.size() < b.elements.size() ? -1 : (a.elements.size() > b.elements.size());
    }
    return std::nullopt;
}

} // namespace

Constant Constant::of_bool(bool value) {
    Constant c;
    c.kind = Kind::Bool;
    c.boolean = value;
    return c;
}

Constant Constant::of_int(std::int64_t value) {
    Constant c;
    c.kind = Kind::Int;
    c.integer = value;
    return c;
}

Constant Constant::of_float(double value) {
    Constant c;
    c.kind = Kind::Float;
    c.real = value;
    return c;
}

Constant Constant::of_string(std::string value) {
    Constant c;
    c.kind = Kind::String;
    c.text = std::move(value);
    return c;
}

Constant Constant::of_bytes(std::string value) {
    Constant c;
    c.kind = Kind::Bytes;
    c.text = std::move(value);
    return c;
}

Constant Constant::sequence(Kind kind, std::vector<Constant> elements) {
    Constant c;
    c.kind = kind;
    c.elements = std::move(elements);
    return c;
}

bool Constant::truth() const {
    switch (kind) {
    case Kind::None:
        return false;
    case Kind::Bool:
        return boolean;
    case Kind::Int:
        return integer != 0;
    case Kind::Float:
        return real != 0.0;
    case Kind::String:
    case Kind::Bytes:
        return !text.empty();
    case Kind::Tuple:
    case Kind::List:
    case Kind::Set:
        return !elements.empty();
    }
    return false;
}

bool operator==(const Constant& a, const Constant& b) {
    if (a.is_number() && b.is_number()) {
        const auto ia = as_integer(a);
        const auto ib = as_integer(b);
        return ia && ib ? *ia == *ib : as_double(a) == as_double(b);
    }
    if (a.kind != b.kind) {
        return false;
    }
    switch (a.kind) {
    case Constant::Kind::None:
        return true;
    case Constant::Kind::String:
    case Constant::Kind::Bytes:
        return a.text == b.text;
    case Constant::Kind::Tuple:
    case Constant::Kind::List:
        return a.elements == b.elements;
    case Constant::Kind::Set:
        return a.elements.size() == b.elements.size() &&
               std::all_of(a.elements.begin(), a.elements.end(), [&](const Constant& element) {
                   return std::find(b.elements.begin(), b.elements.end(), element) !=
                          b.elements.end();
               });
    default:
        return false; // numbers were handled above
    }
}

std::optional<Constant> fold_binary(const Constant& left, std::string_view op,
                                    const Constant& right) {
    const auto li = as_integer(left);
    const auto ri = as_integer(right);
    if (li && ri) {
        return fold_integers(*li, op, *ri);
    }
    if (left.is_number() && right.is_number()) {
        return fold_floats(as_double(left), op, as_double(right));
    }
    if (op == "+" && left.kind == right.kind && (left.is_text() || is_sequence(left.kind))) {
        if (left.text.size() + right.text.size() > max_folded_size ||
            left.elements.size() + right.elements.size() > max_folded_size) {
            return std::nullopt;
        }
        Constant result = left;
        result.text += right.text;
        result.elements.insert(result.elements.end(), right.elements.begin(), right.elements.end());
        return result;
    }
    if (op == "*") {
        if ((left.is_text() || is_sequence(left.kind)) && ri) {
            return repeat(left, *ri);
        }
        if ((right.is_text() || is_sequence(right.kind)) && li) {
            return repeat(right, *li);
        }
    }
    return std::nullopt;
}

std::optional<Constant> fold_unary(std::string_view op, const Constant& operand) {
    if (op == "not") {
        return Constant::of_bool(!operand.truth());
    }
    if (const auto value = as_integer(operand)) {
        if (op == "-") {
            if (*value == std::numeric_limits<std::int64_t>::min()) {
                return std::nullopt;
            }
            return Constant::of_int(-*value);
        }
        if (op == "+") {
            return Constant::of_int(*value);
        }
        if (op == "~") {
            return Constant::of_int(~*value);
        }
        return std::nullopt;
    }
    if (operand.kind == Constant::Kind::Float) {
        if (op == "-") {
            return Constant::of_float(-operand.real);
        }
        if (op == "+") {
            return operand;
        }
    }
    return std::nullopt;
}

std::optional<bool> fold_comparison(const Constant& left, std::string_view op,
                                    const Constant& right) {
    if (op == "==") {
        return left == right;
    }
    if (op == "!=") {
        return !(left == right);
    }
    if (op == "is" || op == "is not") {
        // Identity is only certain for the singletons None, True and False.
        const bool singletons =
            (left.kind == Constant::Kind::None || left.kind == Constant::Kind::Bool) &&
            (right.kind == Constant::Kind::None || right.kind == Constant::Kind::Bool);
        if (!singletons) {
            return std::nullopt;
        }
        const bool same = left.kind == right.kind && left.boolean == right.boolean;
        return op == "is" ? same : !same;
    }
    if (op == "in" || op == "not in") {
        std::optional<bool> contained;
        if (right.is_text() && left.kind == right.kind) {
            contained = right.text.find(left.text) != std::string::npos;
        } else if (right.is_container()) {
            contained = std::find(right.elements.begin(), right.elements.end(), left) !=
                        right.elements.end();
        }
        if (!contained) {
            return std::nullopt;
        }
        return op == "in" ? *contained : !*contained;
    }
    const auto ordering = order(left, right);
    if (!ordering) {
        return std::nullopt;
    }
    if (op == "<") {
        return *ordering < 0;
    }
    if (op == "<=") {
        return *ordering <= 0;
    }
    if (op == ">") {
        return *ordering > 0;
    }
    if (op == ">=") {
        return *ordering >= 0;
    }
    return std::nullopt;
}

std::optional<Constant> fold_subscript(const Constant& container, const Constant& index) {
    const auto position = as_integer(index);
    if (!position) {
        return std::nullopt;
    }
    const std::size_t size =
        container.is_text() ? container.text.size() : container.elements.size();
    if (!container.is_text() && !is_sequence(container.kind)) {
        return std::nullopt;
    }
    const std::int64_t signed_size = static_cast<std::int64_t>(size);
    const std::int64_t at = *position < 0 ? *position + signed_size : *position;
    if (at < 0 || at >= signed_size) {
        return std::nullopt; // IndexError
    }
    const auto offset = static_cast<std::size_t>(at);
    if (container.kind == Constant::Kind::Bytes) {
        return Constant::of_int(static_cast<unsigned char>(container.text[offset]));
    }
    if (container.kind == Constant::Kind::String) {
        // A character, not a byte: only ASCII text is indexed by byte.
        const bool ascii = std::all_of(container.text.begin(), container.text.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii) {
            return std::nullopt;
        }
        return Constant::of_string(std::string(1, container.text[offset]));
    }
    return container.elements[offset];
}

std::optional<std::int64_t> parse_integer_literal(std::string_view literal) {
    std::string digits;
    digits.reserve(literal.size());
    for (const char c : literal) {
        if (c != '_') {
            digits += c;
        }
    }
    if (digits.empty() || digits.back() == 'j' || digits.back() == 'J') {
        return std::nullopt;
    }
    int base = 10;
    std::size_t start = 0;
    if (digits.size() > 2 && digits[0] == '0') {
        const char prefix = static_cast<char>(digits[1] | 0x20);
        base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 10;
        start = base == 10 ? 0 : 2;
    }
    std::int64_t value = 0;
    const char* begin = digits.data() + start;
    const char* end = digits.data() + digits.size();
    const auto [last, error] = std::from_chars(begin, end, value, base);
    if (error != std::errc() || last != end) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parse_float_literal(std::string_view literal) {
    std::string digits;
    for (const char c : literal) {
        if (c != '_') {
            digits += c;
        }
    }
    if (digits.empty() || digits.back() == 'j' || digits.back() == 'J') {
        return std::nullopt;
    }
    double value = 0;
    const auto [last, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || last != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

} // namespace vigil::analysis
