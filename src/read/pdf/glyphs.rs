//! The characters of a PDF's pages, with where they stand and how large they are: what
//! `pdf-extract` hands out while it interprets each page's content stream.

use std::time::Instant;

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One character as drawn on a page (top-left origin, in points).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// The left edge.
    pub x: f64,
    /// The baseline, from the top of the page.
    pub y: f64,
    /// The font size on the page (text matrix and CTM applied).
    pub size: f64,
    /// The advance width on the page.
    pub width: f64,
    /// What it decodes to (usually one character; a ligature may give several).
    pub text: String,
}

/// One page: its glyphs in content-stream order.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    /// The top of the page (the media box's upper y) in PDF points: y is measured down from it.
    pub top: f64,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
}

/// Collects the glyphs of every page; stops the interpretation once past `deadline` or once
/// `max_glyphs` are collected (the error is recognised by [`Collector::stopped`]).
pub(super) struct Collector {
    pub pages: Vec<Page>,
    deadline: Instant,
    max_glyphs: usize,
    count: usize,
    /// Why the collection stopped early, if it did.
    pub stopped: Option<Stop>,
}

/// Why [`Collector`] stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The deadline passed.
    Deadline,
    /// Too many characters.
    Glyphs,
}

impl Collector {
    pub fn new(deadline: Instant, max_glyphs: usize) -> Self {
        Self {
            pages: Vec::new(),
            deadline,
            max_glyphs,
            count: 0,
            stopped: None,
        }
    }

    fn stop(&mut self, why: Stop) -> Result<(), OutputError> {
        self.stopped = Some(why);
        Err(OutputError::IoError(std::io::Error::other("stopped")))
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if Instant::now() > self.deadline {
            return self.stop(Stop::Deadline);
        }
        self.pages.push(Page {
            top: media_box.ury,
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.count += 1;
        if self.count > self.max_glyphs {
            return self.stop(Stop::Glyphs);
        }
        if self.count.is_multiple_of(4096) && Instant::now() > self.deadline {
            return self.stop(Stop::Deadline);
        }
        // The font size through the text rendering matrix (as pdf-extract's own text output
        // does: the side of the square of the same area), and the origin with y from the top.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let (x, y) = (trm.m31, page.top - trm.m32);
        if size.is_finite() && x.is_finite() && y.is_finite() {
            page.glyphs.push(Glyph {
                x,
                y,
                size,
                width: width * size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const BOX: MediaBox = MediaBox {
        llx: 0.0,
        lly: 0.0,
        urx: 612.0,
        ury: 792.0,
    };

    #[test]
    fn positions_are_from_the_top_and_sizes_through_the_matrix() {
        let mut c = Collector::new(Instant::now() + Duration::from_secs(60), 10);
        c.begin_page(1, &BOX, None).unwrap();
        let trm = Transform::row_major(2.0, 0.0, 0.0, 2.0, 72.0, 700.0);
        c.output_character(&trm, 0.5, 0.0, 5.0, "A").unwrap();
        let g = &c.pages[0].glyphs[0];
        assert_eq!((g.x, g.y, g.size, g.width), (72.0, 92.0, 10.0, 5.0));
    }

    #[test]
    fn stops_past_the_deadline_or_the_character_limit() {
        let mut c = Collector::new(Instant::now() - Duration::from_secs(1), 10);
        assert!(c.begin_page(1, &BOX, None).is_err());
        assert_eq!(c.stopped, Some(Stop::Deadline));
        let mut c = Collector::new(Instant::now() + Duration::from_secs(60), 2);
        c.begin_page(1, &BOX, None).unwrap();
        let trm = Transform::identity();
        assert!(c.output_character(&trm, 0.5, 0.0, 10.0, "a").is_ok());
        assert!(c.output_character(&trm, 0.5, 0.0, 10.0, "b").is_ok());
        assert!(c.output_character(&trm, 0.5, 0.0, 10.0, "c").is_err());
        assert_eq!(c.stopped, Some(Stop::Glyphs));
    }
}
