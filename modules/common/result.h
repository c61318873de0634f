#pragma once
#include "common/error.h"

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace bhxh {

/// A value or an Error. C++20 has no std::expected; this is the small part of it we use.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & { assert(ok()); return std::get<0>(m_state); }
    [[nodiscard]] const T& value() const& { assert(ok()); return std::get<0>(m_state); }
    [[nodiscard]] T&& value() && { assert(ok()); return std::get<0>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const { assert(!ok()); return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

/// Success with no value, or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { assert(m_failed); return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

/// Builds an Error; reads better at call sites than a brace list.
inline Error makeError(std::string code, std::string message) {
    return Error{std::move(code), std::move(message)};
}

} // namespace bhxh
