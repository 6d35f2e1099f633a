//! Writing for the reader: numbers, file sizes and dates in each language's own form (CLDR
//! through ICU4X and chrono's locales), names of reference data in six languages, and sorting
//! by name the way the language sorts (the Unicode collation algorithm with the language's
//! tailoring, not byte order). `i18n` chooses the language; this writes in it.

mod catalogues;
pub mod collation;
pub mod dates;
pub mod names;
pub mod numbers;
mod options;
mod tera_fns;

pub use collation::{compare, sort_by_name};
pub use dates::{format_date, format_time};
pub use names::{name, RefList};
pub use numbers::{format_file_size, format_number};
pub use tera_fns::register;
