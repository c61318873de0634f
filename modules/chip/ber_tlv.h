#pragma once
#include "chip/bytes.h"
#include "common/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace bhxh::chip {

/// One BER-TLV element: its tag (1 to 3 bytes, as an integer: 0x5F1F, 0x7F61), whether it is
/// constructed (holds more elements), and a view on its value inside the parsed buffer.
struct TlvElement {
    std::uint32_t tag = 0;
    bool constructed = false;
    ByteView value;
    std::size_t encodedSize = 0; ///< tag + length + value bytes
};

/// A bounded BER-TLV reader (ISO/IEC 7816-4, ICAO 9303-10) over a byte buffer. It reads one
/// level; callers descend into a constructed element's value explicitly, so nesting is bounded
/// by the caller's code. Refused: tags longer than 3 bytes, the indefinite length, lengths of
/// more than 4 bytes or beyond the buffer, more than kMaxElements elements in one level.
class BerTlv {
public:
    static constexpr std::size_t kMaxElements = 4096;

    /// The first element of data; trailing bytes are allowed (EF files are padded).
    [[nodiscard]] static Result<TlvElement> readOne(ByteView data);
    /// Every element of data, in order; data must be exactly a run of elements.
    [[nodiscard]] static Result<std::vector<TlvElement>> readAll(ByteView data);
    /// The first element with this tag among data's elements, or nothing (also on bad data).
    [[nodiscard]] static std::optional<TlvElement> find(ByteView data, std::uint32_t tag);
    /// The element's length octets for a value of n bytes (DER: shortest form).
    [[nodiscard]] static Bytes encodeLength(std::size_t n);
    /// A DER element: tag bytes (1 to 3, from the integer) + length + value.
    [[nodiscard]] static Bytes encode(std::uint32_t tag, ByteView value);
};

} // namespace bhxh::chip
