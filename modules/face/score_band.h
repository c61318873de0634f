#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace bhxh::face {

/// What the clerk sees: never a yes/no, always one of these with the score beside it.
enum class Band { Same, Review, Different, NoFace };

/// "same" | "review" | "different" | "no_face" (the CLI and evidence spelling): the one pair of
/// functions between a band and text. parseBand gives nullopt for any other name (the caller
/// refuses it, never guesses a band).
[[nodiscard]] std::string_view bandName(Band band);
[[nodiscard]] std::optional<Band> parseBand(std::string_view name);

/// The two cut-offs, from configuration ([face] same_at_or_above, different_below).
struct Thresholds {
    double sameAtOrAbove = 0.48;
    double differentBelow = 0.25;
};

/// Maps a cosine score to a band. A score at or above sameAtOrAbove is "likely same", below
/// differentBelow "likely different", anything between is for the clerk to decide. A tiny face
/// is never "likely same": too few pixels for the score to be trusted upward.
class BandPolicy {
public:
    BandPolicy() = default;
    explicit BandPolicy(Thresholds thresholds) : m_thresholds(thresholds) {}

    /// Checks the cut-offs: both in [-1, 1] and differentBelow ≤ sameAtOrAbove.
    [[nodiscard]] static std::optional<std::string> validate(const Thresholds& t);

    /// No score (a side without a face) → NoFace.
    [[nodiscard]] Band classify(std::optional<double> score, bool tinyFace = false) const;
    [[nodiscard]] const Thresholds& thresholds() const { return m_thresholds; }

private:
    Thresholds m_thresholds;
};

} // namespace bhxh::face
