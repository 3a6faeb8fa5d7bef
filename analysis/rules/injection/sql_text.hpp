// Recognising SQL in text built from strings: whether it holds a statement (with its structure,
// not just its keywords), and where a placeholder may stand for a value. Used by B608.
#pragma once

#include <string_view>

namespace vigil::analysis::rules::sql {

// Marks, in built text, where a non-constant value enters it.
constexpr char hole = '\x01';

// Whether a statement keyword (SELECT, INSERT, UPDATE, DELETE, REPLACE) occurs at all, in any
// case: a cheap test before tokenizing.
bool mentions_statement(std::string_view text);

// Whether the text holds an SQL statement: SELECT ... FROM <table>, DELETE FROM <table>,
// INSERT INTO <table> (...)/VALUES/SELECT, or UPDATE <table> SET <column> =, where a statement
// begins, with the table followed by a clause or the end, and none of the English words prose
// puts there ("select a file from the list").
bool looks_like_sql(std::string_view text);

// Whether a placeholder after `before` stands for a value (a parameter can be only that, never a
// table, a column or a piece of a condition): after a comparison, LIKE, LIMIT or OFFSET, or
// inside VALUES (...) or IN (...).
bool value_position(std::string_view before);

} // namespace vigil::analysis::rules::sql
