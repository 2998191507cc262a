//! Etsy conversations in English (buyers in the US, Canada, the UK, Europe, Australia).
//!
//! Placeholders: {name} {full_name} {product} {products} {price} {wholesale_price} {colour}
//! {other_colour} {colours} {size} {city} {address} {lead} {date} {tracking} {total} {quantity}
//! {shop}.

use super::catalog::{CERAMIC, Category, TABLEWARE};
use super::dialogue::{
    Dialogue, Hand, Media, Qty, Sale, Voice, b, b_with, later_days, later_hours, order, s,
};

pub(super) static ETSY: &[Dialogue] = &[
    Dialogue {
        key: "etsy_canada",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Birthday gift: told her honestly it may not arrive in time.",
        steps: &[
            b("Hi! Do you ship to {city}? How long does it usually take?"),
            s(
                "Hi {name}! Yes, we ship worldwide with tracking from Córdoba, Argentina. It usually takes 15–25 business days.",
            ),
            b("Great, thanks! Would it make it in time for my sister's birthday in 3 weeks?"),
            s(
                "Honestly, it would be tight and I'd rather not promise it. If you order today I'll ship tomorrow morning, but customs can add a few days.",
            ),
            b("Ok, I appreciate the honesty. I'll order it anyway!"),
        ],
    },
    Dialogue {
        key: "etsy_food_safe",
        voice: Voice::Any,
        fits: TABLEWARE,
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Is the glaze food safe? Can I put the {product} in the dishwasher?"),
            s(
                "Hi {name}! Yes: our glazes are lead-free and cadmium-free, fired at 2264 °F. Dishwasher and microwave safe.",
            ),
            b("Perfect, thank you!"),
        ],
    },
    Dialogue {
        key: "etsy_custom_colour",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Custom listing, glaze {colour}.",
        steps: &[
            b(
                "Hi there! Could you make the {product} in {colour} instead? I love the shape but my kitchen is all green.",
            ),
            s(
                "Hi {name}! Yes, I can glaze one in {colour} for you. It takes {lead} to make, plus shipping. I'll set up a custom listing at the same price, {price}.",
            ),
            b("Yes please!"),
            s(
                "Done! You'll find the listing reserved for you in the shop. As soon as it's paid I'll start it.",
            ),
            later_hours(2, 20),
            b("Just paid 😊"),
            s("Thank you! I'll send you a photo when it comes out of the kiln."),
        ],
    },
    Dialogue {
        key: "etsy_chip",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: order(Hand::Ship, Qty::Few),
        tags: &[],
        note: "One piece arrived chipped: refunded that piece, no return.",
        steps: &[
            b("Hi, my order arrived today but one {product} has a small chip on the rim 😕"),
            s("Oh no, I'm so sorry, {name}! Could you send me a photo? I'll make it right."),
            b_with("Here it is", Media::Photo),
            s("Thank you. I've refunded that piece through Etsy; you don't need to send it back."),
            b("That was quick, thank you! The rest are gorgeous."),
        ],
    },
    Dialogue {
        key: "etsy_gift_note",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Gift note: 'Happy anniversary, love you'.",
        steps: &[
            b("Could you include a note that says 'Happy anniversary, love you'? It's a surprise."),
            s("Of course! I'll handwrite it on one of our cards and wrap the {product} in tissue paper."),
            b("You're the best 💕"),
        ],
    },
    Dialogue {
        key: "etsy_wholesale",
        voice: Voice::Any,
        fits: &[Category::Planter, Category::Mug],
        sale: Sale::Inquiry { qty: Qty::Many },
        tags: &["mayorista"],
        note: "Shop {shop} in {city}: wholesale quote sent, prepayment via custom listing.",
        steps: &[
            b(
                "Hello! I run a small shop in {city} ({shop}) and I'd love to stock your {products}. Do you offer wholesale?",
            ),
            s(
                "Hi {name}! Yes: from 12 pieces there's 25% off, and I ship by courier with tracking. Lead time is {lead}.",
            ),
            b("Could you send me prices for {quantity}, mixed colours?"),
            s(
                "Sure: {quantity} at {wholesale_price} each is {total}, shipping included. Payment upfront through a custom Etsy listing.",
            ),
            later_days(1, 2),
            b("Let me check my budget and get back to you next week."),
        ],
    },
    Dialogue {
        key: "etsy_tracking",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "",
        steps: &[
            b("Hi, I ordered two weeks ago and the tracking hasn't updated in 5 days. Should I worry?"),
            s(
                "Hi {name}! Don't worry: parcels from Argentina often go quiet until they reach customs. Your tracking number is {tracking}; it should update within the week.",
            ),
            later_days(3, 6),
            b("It's moving again! Arrived in {city} today."),
            s("Yay! Enjoy it 🙂"),
        ],
    },
    Dialogue {
        key: "etsy_scarf_length",
        voice: Voice::Any,
        fits: &[Category::Scarf],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Knit 220 cm long (+US$ 8).",
        steps: &[
            b("How long is the scarf? I'm 6'2\" and most scarves are too short for me lol"),
            s(
                "Hi {name}! It's {size}, long enough to wrap twice. I can knit it longer (87 in) for $8 extra.",
            ),
            b("Longer please!"),
            s("Great! I'll make you a custom listing."),
        ],
    },
    Dialogue {
        key: "etsy_mate_how",
        voice: Voice::Any,
        fits: &[Category::Mate],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "",
        steps: &[
            b("Hi! I'm new to mate. How do I use this?"),
            s(
                "Hi {name}! Fill it 2/3 with yerba, tilt it, add a little warm water on the low side, put the bombilla there and then pour hot (not boiling) water. 175 °F is perfect. Enjoy!",
            ),
            b("Thank you!! Ordering one now"),
        ],
    },
    Dialogue {
        key: "etsy_discount",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Do you have a discount code? The {product} is a bit over my budget"),
            s(
                "Hi {name}! I don't have codes right now, but if you favourite the shop you'll hear about our next sale. The side plates are a cheaper option at $26.",
            ),
            b("Ok thanks"),
        ],
    },
    Dialogue {
        key: "etsy_twins",
        voice: Voice::Any,
        fits: &[Category::Toy],
        sale: order(Hand::Ship, Qty::Few),
        tags: &["regalo"],
        note: "Mixed colours, for her nieces.",
        steps: &[
            b("Hi! Are the {products} in stock? I'd like {quantity} for my nieces"),
            s(
                "Yes! I have them ready in {colour} and {other_colour}. Or I can make them all the same colour in {lead}.",
            ),
            b("Mixed colours is perfect, they'll love that"),
            s("Lovely! They'll ship tomorrow."),
        ],
    },
];
