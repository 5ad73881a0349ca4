//! Real QR codes as PNG pictures (for gateway data and the hosted page).

use base64::Engine as _;
use qrcode::{Color, QrCode};

/// Pixels per QR module.
const SCALE: usize = 6;
/// The blank border around the code, in modules (the standard asks for 4).
const QUIET_ZONE: usize = 4;

/// `text` as a QR code in a grayscale PNG.
pub(crate) fn png(text: &str) -> Vec<u8> {
    // Texts here are URLs of a few dozen bytes, far below a QR code's capacity.
    let code = QrCode::new(text.as_bytes()).expect("a short URL fits in a QR code");
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * SCALE;
    let mut pixels = vec![0xffu8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Light {
            continue;
        }
        let (x, y) = (
            (i % modules + QUIET_ZONE) * SCALE,
            (i / modules + QUIET_ZONE) * SCALE,
        );
        for row in y..y + SCALE {
            pixels[row * side + x..row * side + x + SCALE].fill(0);
        }
    }
    let mut out = Vec::new();
    let side = u32::try_from(side).expect("a QR picture is a few hundred pixels wide");
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .expect("writing to memory cannot fail");
    writer
        .write_image_data(&pixels)
        .expect("the picture matches its header");
    writer.finish().expect("writing to memory cannot fail");
    out
}

/// `text` as a QR code in a `data:image/png;base64,…` URL.
pub(crate) fn png_data_url(text: &str) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png(text))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_a_png_of_the_expected_size() {
        let picture = png("http://127.0.0.1:1/scan/1");
        assert!(picture.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(std::io::Cursor::new(picture));
        let info = decoder.read_info().unwrap().info().clone();
        let modules = QrCode::new(b"http://127.0.0.1:1/scan/1").unwrap().width();
        assert_eq!(info.width as usize, (modules + 2 * QUIET_ZONE) * SCALE);
    }
}
