//! `w:sym` characters: a code point in a symbol font → the Unicode character it shows.
//!
//! Word stores a character inserted from the Symbol or Wingdings font as `w:sym w:font="Symbol"
//! w:char="F0DA"`: the font's own code (0x20–0xFF, often offset into the private-use area at
//! F000) whose glyph is a logical-or sign, a Greek letter, a checkbox. The code point itself means
//! nothing outside that font, so it is mapped to the Unicode character with the same glyph, where
//! Unicode has one. The Symbol table is Adobe's Symbol encoding (the one pandoc and LibreOffice
//! use); from Wingdings only the signs plans use (bullets, ticks, checkboxes, arrows) are mapped.
//! An unmapped code stays the private-use character it is, as before.

/// Adobe Symbol encoding, 0x20..=0xFE (`'\0'`: no Unicode character).
const SYMBOL: [char; 0xFF - 0x20] = [
    // 0x20
    ' ', '!', '∀', '#', '∃', '%', '&', '∋', '(', ')', '∗', '+', ',', '−', '.', '/', //
    // 0x30
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    // 0x40
    '≅', 'Α', 'Β', 'Χ', 'Δ', 'Ε', 'Φ', 'Γ', 'Η', 'Ι', 'ϑ', 'Κ', 'Λ', 'Μ', 'Ν', 'Ο', //
    // 0x50
    'Π', 'Θ', 'Ρ', 'Σ', 'Τ', 'Υ', 'ς', 'Ω', 'Ξ', 'Ψ', 'Ζ', '[', '∴', ']', '⊥', '_', //
    // 0x60
    '\0', 'α', 'β', 'χ', 'δ', 'ε', 'φ', 'γ', 'η', 'ι', 'ϕ', 'κ', 'λ', 'μ', 'ν', 'ο', //
    // 0x70
    'π', 'θ', 'ρ', 'σ', 'τ', 'υ', 'ϖ', 'ω', 'ξ', 'ψ', 'ζ', '{', '|', '}', '∼', '\0', //
    // 0x80..0x9F: not assigned
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    '\0', //
    // 0xA0
    '€', 'ϒ', '′', '≤', '⁄', '∞', 'ƒ', '♣', '♦', '♥', '♠', '↔', '←', '↑', '→', '↓', //
    // 0xB0
    '°', '±', '″', '≥', '×', '∝', '∂', '•', '÷', '≠', '≡', '≈', '…', '⏐', '⎯', '↵', //
    // 0xC0
    'ℵ', 'ℑ', 'ℜ', '℘', '⊗', '⊕', '∅', '∩', '∪', '⊃', '⊇', '⊄', '⊂', '⊆', '∈', '∉', //
    // 0xD0
    '∠', '∇', '®', '©', '™', '∏', '√', '⋅', '¬', '∧', '∨', '⇔', '⇐', '⇑', '⇒', '⇓', //
    // 0xE0
    '◊', '〈', '®', '©', '™', '∑', '⎛', '⎜', '⎝', '⎡', '⎢', '⎣', '⎧', '⎨', '⎩', '⎪', //
    // 0xF0
    '\0', '〉', '∫', '⌠', '⎮', '⌡', '⎞', '⎟', '⎠', '⎤', '⎥', '⎦', '⎫', '⎬', '⎭',
];

/// The Wingdings signs that plans use.
fn wingdings(code: u8) -> Option<char> {
    Some(match code {
        0x4A => '☺',
        0x4C => '☹',
        0x6C => '●',
        0x6E => '■',
        // Wingdings' empty boxes: checklists use them as unticked checkboxes.
        0x6F | 0xA8 => '☐',
        0x71 => '❑',
        0x75 => '◆',
        0x76 => '❖',
        0xA7 => '▪',
        0xD8 => '➢',
        0xE8 => '➔',
        0xFB => '✗',
        0xFC => '✓',
        // Ballot box with X / with check: a ticked checkbox either way.
        0xFD | 0xFE => '☒',
        _ => return None,
    })
}

/// The character a `w:sym` shows: `font` is `w:font`, `code` the parsed `w:char`.
pub(crate) fn sym_char(font: &str, code: u32) -> Option<char> {
    let font = font.trim().to_lowercase();
    // The font's own code: 0x20–0xFF, or that offset by F000 (the usual form).
    let own = match code {
        0x20..=0xFF => Some(code as u8),
        0xF020..=0xF0FF => Some((code - 0xF000) as u8),
        _ => None,
    };
    let mapped = match own {
        Some(c) if font == "symbol" => SYMBOL
            .get(usize::from(c).wrapping_sub(0x20))
            .copied()
            .filter(|ch| *ch != '\0'),
        Some(c) if font.starts_with("wingdings") => wingdings(c),
        _ => None,
    };
    mapped.or_else(|| char::from_u32(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_font_codes_map_to_their_glyphs() {
        // The two forms pandoc's unicode.docx uses for the logical-or sign.
        assert_eq!(sym_char("Symbol", 0xF0DA), Some('∨'));
        assert_eq!(sym_char("Symbol", 0x00DA), Some('∨'));
        assert_eq!(sym_char("Symbol", 0xF061), Some('α'));
        assert_eq!(sym_char("Symbol", 0xF057), Some('Ω'));
        assert_eq!(sym_char("Symbol", 0xF0B3), Some('≥'));
        assert_eq!(sym_char("Symbol", 0xF0E5), Some('∑'));
        assert_eq!(sym_char("Symbol", 0xF0A0), Some('€'));
        assert_eq!(sym_char("Symbol", 0xF0FE), Some('⎭'));
        assert_eq!(sym_char("Wingdings", 0xF0FC), Some('✓'));
        assert_eq!(sym_char("Wingdings 2", 0xF0FD), Some('☒'));
        assert_eq!(sym_char("wingdings", 0xF06F), Some('☐'));
    }

    #[test]
    fn unmapped_codes_stay_as_they_are() {
        // Symbol 0x80 is unassigned; another font is not mapped at all.
        assert_eq!(sym_char("Symbol", 0xF080), Some('\u{F080}'));
        assert_eq!(sym_char("Webdings", 0xF061), Some('\u{F061}'));
        assert_eq!(sym_char("Wingdings", 0xF021), Some('\u{F021}'));
        assert_eq!(sym_char("Symbol", 0x1F600), Some('😀'));
    }
}
