//! The Mercado Libre sites the simulator can play: language, currency, clock offset.

use std::io;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Rioplatense Spanish (voseo), as Argentine buyers write.
    Es,
    /// Brazilian Portuguese.
    Pt,
}

#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub id: &'static str,
    pub currency: &'static str,
    pub lang: Lang,
    /// Offset of the site's dates ("2026-11-27T02:28:54.000-03:00").
    pub offset_hours: i8,
    /// Brazil and Chile have the post-sale messaging agent (February 2026).
    pub messaging_agent: bool,
}

const SITES: &[Site] = &[
    Site { id: "MLA", currency: "ARS", lang: Lang::Es, offset_hours: -3, messaging_agent: false },
    Site { id: "MLB", currency: "BRL", lang: Lang::Pt, offset_hours: -3, messaging_agent: true },
    Site { id: "MLC", currency: "CLP", lang: Lang::Es, offset_hours: -3, messaging_agent: true },
    Site { id: "MLM", currency: "MXN", lang: Lang::Es, offset_hours: -6, messaging_agent: false },
    Site { id: "MLU", currency: "UYU", lang: Lang::Es, offset_hours: -3, messaging_agent: false },
    Site { id: "MCO", currency: "COP", lang: Lang::Es, offset_hours: -5, messaging_agent: false },
    Site { id: "MPE", currency: "PEN", lang: Lang::Es, offset_hours: -5, messaging_agent: false },
];

impl Site {
    pub fn find(id: &str) -> io::Result<Site> {
        SITES.iter().find(|site| site.id.eq_ignore_ascii_case(id)).cloned().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, format!("unknown Mercado Libre site {id:?}"))
        })
    }
}
