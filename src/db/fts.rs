//! The `portal` FTS5 tokenizer of SQLite's search index (`search_fts`): SQLite's own
//! `unicode61` splits the text into lower-case words without their accents, then each word is
//! given as its English Snowball stem and, at the same position (`FTS5_TOKEN_COLOCATED`), its
//! French one when it differs. The same happens to the words of a query, so « frontières »,
//! « frontière » and "frontier" find each other, as `to_tsvector('english')` and
//! `to_tsvector('french')` do on PostgreSQL. Chinese, Japanese and Korean runs, which carry no
//! spaces, are given one character at a time, so a word of two characters matches as a phrase.
//!
//! SQLite looks a tokenizer up by name on each connection: `db::sqlite_setup::register`
//! installs it (through `sqlite3_auto_extension`) on every SQLite connection the process opens
//! afterwards, and `db::establish` calls it before opening one.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr;

use libsqlite3_sys as ffi;

use crate::domain::suggestions::text::{stemmer, Language};

/// The name `search_fts` is created with (`tokenize = 'portal'`).
const NAME: &CStr = c"portal";

/// The FTS5 API of one connection (`SELECT fts5(?1)` hands it out through a pointer binding).
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Option<*mut ffi::fts5_api> {
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    if ffi::sqlite3_prepare_v2(
        db,
        c"SELECT fts5(?1)".as_ptr(),
        -1,
        &mut stmt,
        ptr::null_mut(),
    ) != ffi::SQLITE_OK
    {
        return None;
    }
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    ffi::sqlite3_bind_pointer(
        stmt,
        1,
        (&mut api as *mut *mut ffi::fts5_api).cast(),
        c"fts5_api_ptr".as_ptr(),
        None,
    );
    ffi::sqlite3_step(stmt);
    ffi::sqlite3_finalize(stmt);
    (!api.is_null()).then_some(api)
}

/// The entry point SQLite runs on each new connection.
pub(super) unsafe extern "C" fn install(
    db: *mut ffi::sqlite3,
    _err: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    let Some(api) = fts5_api(db) else {
        return ffi::SQLITE_ERROR;
    };
    let Some(create) = (*api).xCreateTokenizer else {
        return ffi::SQLITE_ERROR;
    };
    let mut methods = ffi::fts5_tokenizer {
        xCreate: Some(create_tokenizer),
        xDelete: Some(delete_tokenizer),
        xTokenize: Some(tokenize),
    };
    // FTS5 copies the methods; the API pointer, kept as user data, lives as long as the connection.
    let rc = create(api, NAME.as_ptr(), api.cast(), &mut methods, None);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    let Some(create_function) = (*api).xCreateFunction else {
        return ffi::SQLITE_ERROR;
    };
    create_function(api, RANK.as_ptr(), ptr::null_mut(), Some(rank), None)
}

/// The name of the rank function (`portal_rank(search_fts)`, `repo::search`).
const RANK: &CStr = c"portal_rank";

/// How relevant the current row is to the query, from the row alone: the instances of the
/// query's phrases in the title (weighing four times more) and the body (not the `kind`
/// column), a little less in a long text; negated, so lower is better. Read from the index's
/// position lists and column sizes, without reading or tokenizing the text again (as
/// `highlight()` would) and without `bm25`'s document frequencies, which count the rows the
/// caller may not see too.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    _n: c_int,
    _values: *mut *mut ffi::sqlite3_value,
) {
    match row_rank(&*api, fts) {
        Ok(value) => ffi::sqlite3_result_double(ctx, value),
        Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
    }
}

unsafe fn row_rank(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context) -> Result<f64, c_int> {
    let (Some(inst_count), Some(inst), Some(column_size)) =
        (api.xInstCount, api.xInst, api.xColumnSize)
    else {
        return Err(ffi::SQLITE_ERROR);
    };
    let ok = |rc: c_int| {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rc)
        }
    };
    let mut count: c_int = 0;
    ok(inst_count(fts, &mut count))?;
    let (mut title, mut body) = (0.0, 0.0);
    for i in 0..count {
        let (mut phrase, mut column, mut offset) = (0, 0, 0);
        ok(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
        match column {
            0 => title += 1.0,
            1 => body += 1.0,
            _ => {}
        }
    }
    let (mut title_size, mut body_size) = (0, 0);
    ok(column_size(fts, 0, &mut title_size))?;
    ok(column_size(fts, 1, &mut body_size))?;
    Ok(-(4.0 * title + body) / (1.0 + f64::from(title_size + body_size) / 300.0))
}

/// One instance: the `unicode61` tokenizer it wraps.
struct Portal {
    inner: *mut ffi::Fts5Tokenizer,
    methods: ffi::fts5_tokenizer,
}

unsafe extern "C" fn create_tokenizer(
    user: *mut c_void,
    _args: *mut *const c_char,
    _n: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    let api: *mut ffi::fts5_api = user.cast();
    let Some(find) = (*api).xFindTokenizer else {
        return ffi::SQLITE_ERROR;
    };
    let mut methods = ffi::fts5_tokenizer {
        xCreate: None,
        xDelete: None,
        xTokenize: None,
    };
    let mut found: *mut c_void = ptr::null_mut();
    let rc = find(api, c"unicode61".as_ptr(), &mut found, &mut methods);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    let (Some(create), Some(_), Some(_)) = (methods.xCreate, methods.xDelete, methods.xTokenize)
    else {
        return ffi::SQLITE_ERROR;
    };
    let mut args = [c"remove_diacritics".as_ptr(), c"2".as_ptr()];
    let mut inner: *mut ffi::Fts5Tokenizer = ptr::null_mut();
    let rc = create(found, args.as_mut_ptr(), 2, &mut inner);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    *out = Box::into_raw(Box::new(Portal { inner, methods })).cast();
    ffi::SQLITE_OK
}

unsafe extern "C" fn delete_tokenizer(tokenizer: *mut ffi::Fts5Tokenizer) {
    let portal = Box::from_raw(tokenizer.cast::<Portal>());
    if let Some(delete) = portal.methods.xDelete {
        delete(portal.inner);
    }
}

/// What one call of `tokenize` hands to `unicode61`'s callback.
struct Call {
    ctx: *mut c_void,
    emit: unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int,
}

type Emit =
    Option<unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int>;

unsafe extern "C" fn tokenize(
    tokenizer: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    len: c_int,
    emit: Emit,
) -> c_int {
    let portal = &*tokenizer.cast::<Portal>();
    let (Some(inner), Some(emit)) = (portal.methods.xTokenize, emit) else {
        return ffi::SQLITE_ERROR;
    };
    let mut call = Call { ctx, emit };
    inner(
        portal.inner,
        (&mut call as *mut Call).cast(),
        flags,
        text,
        len,
        Some(on_word),
    )
}

/// One word from `unicode61` (lower case, accents gone): its stems, or its characters.
unsafe extern "C" fn on_word(
    call: *mut c_void,
    flags: c_int,
    token: *const c_char,
    len: c_int,
    start: c_int,
    end: c_int,
) -> c_int {
    let call = &*call.cast::<Call>();
    let bytes = std::slice::from_raw_parts(token.cast::<u8>(), usize::try_from(len).unwrap_or(0));
    let Ok(word) = std::str::from_utf8(bytes) else {
        return (call.emit)(call.ctx, flags, token, len, start, end);
    };
    let mut out = Vec::new();
    let rc = each_token(word, start, end, |colocated, text, from, to| {
        let flag = if colocated {
            ffi::FTS5_TOKEN_COLOCATED
        } else {
            flags
        };
        out.push((flag, text.to_owned(), from, to));
    });
    for (flag, text, from, to) in out {
        let n = c_int::try_from(text.len()).unwrap_or(c_int::MAX);
        let rc = (call.emit)(call.ctx, flag, text.as_ptr().cast(), n, from, to);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
    }
    rc
}

/// Whether a character belongs to a script written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The tokens of one word at bytes `start..end` of the text: `(colocated, token, start, end)`.
fn each_token(
    word: &str,
    start: c_int,
    end: c_int,
    mut push: impl FnMut(bool, &str, c_int, c_int),
) -> c_int {
    let same_length = usize::try_from(end - start).is_ok_and(|n| n == word.len());
    if same_length && word.chars().any(unspaced) {
        for (at, c) in word.char_indices() {
            let from = start + c_int::try_from(at).unwrap_or(0);
            let to = from + c_int::try_from(c.len_utf8()).unwrap_or(0);
            push(false, c.encode_utf8(&mut [0; 4]), from, to);
        }
        return ffi::SQLITE_OK;
    }
    let english = stemmer(Language::English).stem(word);
    push(false, &english, start, end);
    let french = stemmer(Language::French).stem(word);
    if french != english {
        push(true, &french, start, end);
    }
    ffi::SQLITE_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(word: &str) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        let end = c_int::try_from(word.len()).unwrap();
        each_token(word, 0, end, |colocated, t, _, _| {
            out.push((colocated, t.to_owned()))
        });
        out
    }

    #[test]
    fn a_word_is_given_with_its_english_and_french_stems() {
        assert_eq!(tokens("frontieres"), tokens("frontiere"));
        assert!(tokens("financement").iter().any(|(_, t)| t == "financ"));
        assert_eq!(tokens("borders"), vec![(false, "border".to_owned())]);
    }

    #[test]
    fn chinese_is_given_character_by_character() {
        let t = tokens("边境管理");
        assert_eq!(t.len(), 4);
        assert_eq!(t[0], (false, "边".to_owned()));
    }
}
