"""Vietnamese text as the tests compare it."""
import unicodedata


def without_marks(text):
    """Vietnamese without its marks (đ → d), as an MRZ writes a name and OCR may read it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
