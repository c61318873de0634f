#pragma once

/// Key codes as the ImGui 1.86 GLFW backend stores them in io.KeysDown (GLFW's own values).
/// Kept here so that views need no GLFW header; the app static_asserts that they agree.
namespace bhxh::ui::keys {
inline constexpr int Enter = 257;
inline constexpr int Escape = 256;
inline constexpr int F1 = 290;
inline constexpr int F2 = 291;
inline constexpr int F4 = 293;
inline constexpr int F5 = 294;
inline constexpr int F6 = 295;
inline constexpr int F7 = 296;
inline constexpr int F8 = 297;
inline constexpr int F9 = 298;
inline constexpr int F10 = 299;
inline constexpr int F11 = 300;
inline constexpr int F12 = 301;
inline constexpr int Left = 263;
inline constexpr int Right = 262;
inline constexpr int Delete = 261;
inline constexpr int Minus = 45;
inline constexpr int Equal = 61;           // '+' is Shift+'=' on most layouts
inline constexpr int KeypadSubtract = 333;
inline constexpr int KeypadAdd = 334;
inline constexpr int Up = 265;
inline constexpr int Down = 264;
inline constexpr int Tab = 258;
inline constexpr int Digit1 = '1';
inline constexpr int J = 'J';
inline constexpr int K = 'K';
inline constexpr int L = 'L';
inline constexpr int N = 'N';
inline constexpr int W = 'W';
inline constexpr int Q = 'Q';
inline constexpr int E = 'E';
inline constexpr int F = 'F';
inline constexpr int G = 'G';
inline constexpr int I = 'I';
inline constexpr int Y = 'Y';
inline constexpr int R = 'R';
inline constexpr int S = 'S';
inline constexpr int T = 'T';
inline constexpr int O = 'O';
inline constexpr int U = 'U';
inline constexpr int Z = 'Z';
inline constexpr int D = 'D';
inline constexpr int P = 'P';
} // namespace bhxh::ui::keys
