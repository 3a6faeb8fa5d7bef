// The value of an expression that is known without running the program: literals, names bound
// once to them, and what Python's operators make of those. The model folds expressions into a
// Constant (SemanticModel::constant_value) so that a rule can tell `os.system("ls")` from
// `os.system(cmd)`, and the flow engine can drop branches that never run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis {

struct Constant {
    enum class Kind : std::uint8_t { None, Bool, Int, Float, String, Bytes, Tuple, List, Set };
    Kind kind = Kind::None;
    bool boolean = false;           // Bool
    std::int64_t integer = 0;       // Int
    double real = 0;                // Float
    std::string text;               // String (UTF-8), Bytes
    std::vector<Constant> elements; // Tuple, List, Set (a set keeps the order written)

    static Constant none() { return {}; }
    static Constant of_bool(bool value);
    static Constant of_int(std::int64_t value);
    static Constant of_float(double value);
    static Constant of_string(std::string value);
    static Constant of_bytes(std::string value);
    static Constant sequence(Kind kind, std::vector<Constant> elements);

    bool is_number() const {
        return kind == Kind::Bool || kind == Kind::Int || kind == Kind::Float;
    }
    bool is_text() const { return kind == Kind::String || kind == Kind::Bytes; }
    bool is_container() const {
        return kind == Kind::Tuple || kind == Kind::List || kind == Kind::Set;
    }

    // Python's truth value.
    bool truth() const;

    // Python's ==, for the kinds above (1 == 1.0 == True; "a" != b"a"; sets ignore order).
    friend bool operator==(const Constant& a, const Constant& b);
};

// The Python operators on constants, or nullopt where Python would raise, the result would be
// unreasonably large, or the operation is not modelled. `op` is the operator's text ("+", "//",
// "<=", "not in" ...).
std::optional<Constant> fold_binary(const Constant& left, std::string_view op,
                                    const Constant& right);
std::optional<Constant> fold_unary(std::string_view op, const Constant& operand);
// `left op right` for a comparison operator (==, !=, <, <=, >, >=, in, not in, is, is not).
std::optional<bool> fold_comparison(const Constant& left, std::string_view op,
                                    const Constant& right);
// `container[index]` for an integer index (negative counts from the end) into a string, bytes,
// tuple or list.
std::optional<Constant> fold_subscript(const Constant& container, const Constant& index);

// A Python integer literal's value (0x1F, 0o17, 0b101, 1_000); nullopt for one beyond 64 bits or
// an imaginary literal.
std::optional<std::int64_t> parse_integer_literal(std::string_view literal);
// A Python float literal's value (1.5, 1e3, 1_000.5); nullopt for an imaginary literal.
std::optional<double> parse_float_literal(std::string_view literal);

} // namespace vigil::analysis
