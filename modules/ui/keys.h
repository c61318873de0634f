#pragma once

/// Key codes as the ImGui 1.86 GLFW backend stores them in io.KeysDown (GLFW's own values).
/// Kept here so that views need no GLFW header; the app static_asserts that they agree.
namespace bhxh::ui::keys {
inline constexpr int Enter = 257;
inline constexpr int Escape = 256;
inline constexpr int F1 = 290;
inline constexpr int Digit1 = '1';
inline constexpr int J = 'J';
inline constexpr int K = 'K';
inline constexpr int L = 'L';
inline constexpr int Q = 'Q';
} // namespace bhxh::ui::keys
