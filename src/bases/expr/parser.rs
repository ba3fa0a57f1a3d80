//! A precedence-climbing parser for Bases expressions: `file.hasTag("x") && !done`,
//! `(now() - birthday).years.floor()`, `list(auteur).contains(this)`.

use super::lexer::{Tok, Token, lex};

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    List(Vec<Expr>),
    Object(Vec<(String, Expr)>),
    /// A bare name: a note property, `file`, `note`, `formula`, `this`, or a scope variable
    /// such as `value`, `index`, `acc`, `values`.
    Ident(String),
    Member(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    /// A call: a global function when the callee is a name, a method when it is a member.
    Call(Box<Expr>, Vec<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl BinOp {
    fn from_punct(p: &str) -> Option<(BinOp, u8)> {
        Some(match p {
            "||" => (BinOp::Or, 1),
            "&&" => (BinOp::And, 2),
            "==" => (BinOp::Eq, 3),
            "!=" => (BinOp::Ne, 3),
            "<" => (BinOp::Lt, 4),
            "<=" => (BinOp::Le, 4),
            ">" => (BinOp::Gt, 4),
            ">=" => (BinOp::Ge, 4),
            "+" => (BinOp::Add, 5),
            "-" => (BinOp::Sub, 5),
            "*" => (BinOp::Mul, 6),
            "/" => (BinOp::Div, 6),
            "%" => (BinOp::Rem, 6),
            _ => return None,
        })
    }
}

/// Parses one expression; the error says what was expected, in plain words.
pub fn parse(src: &str) -> Result<Expr, String> {
    let tokens = lex(src)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let expr = p.expr(0)?;
    match p.peek() {
        Tok::Eof => Ok(expr),
        other => Err(format!(
            "unexpected {} after the expression",
            describe(other)
        )),
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// Nesting so far: a runaway `((((…` is an error, not a stack overflow.
    depth: usize,
}

const MAX_DEPTH: usize = 200;

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Number(n) => format!("number {n}"),
        Tok::Str(s) => format!("text \"{s}\""),
        Tok::Ident(s) => format!("name `{s}`"),
        Tok::Punct(p) => format!("`{p}`"),
        Tok::Eof => "end of the expression".into(),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].kind
    }

    fn next(&mut self) -> Tok {
        let tok = self.tokens[self.pos].kind.clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        tok
    }

    fn eat(&mut self, punct: &str) -> bool {
        if matches!(self.peek(), Tok::Punct(p) if *p == punct) {
            self.next();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, punct: &'static str) -> Result<(), String> {
        if self.eat(punct) {
            Ok(())
        } else {
            Err(format!(
                "expected `{punct}`, found {}",
                describe(self.peek())
            ))
        }
    }

    fn expr(&mut self, min_prec: u8) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the expression is nested too deeply".into());
        }
        let result = self.binary(min_prec);
        self.depth -= 1;
        result
    }

    fn binary(&mut self, min_prec: u8) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while let Tok::Punct(p) = self.peek() {
            let Some((op, prec)) = BinOp::from_punct(p) else {
                if *p == "=" {
                    return Err("use `==` to compare, not `=`".into());
                }
                break;
            };
            if prec <= min_prec {
                break;
            }
            self.next();
            let right = self.expr(prec)?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.expr(7)?)));
        }
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.expr(7)?)));
        }
        let primary = self.primary()?;
        self.postfix(primary)
    }

    fn postfix(&mut self, mut expr: Expr) -> Result<Expr, String> {
        loop {
            if self.eat(".") {
                match self.next() {
                    Tok::Ident(name) => expr = Expr::Member(Box::new(expr), name),
                    other => {
                        return Err(format!(
                            "expected a name after `.`, found {}",
                            describe(&other)
                        ));
                    }
                }
            } else if self.eat("[") {
                let index = self.expr(0)?;
                self.expect("]")?;
                expr = Expr::Index(Box::new(expr), Box::new(index));
            } else if self.eat("(") {
                let args = self.items(")")?;
                expr = Expr::Call(Box::new(expr), args);
            } else {
                return Ok(expr);
            }
        }
    }

    /// Comma-separated expressions up to `close` (consumed); a trailing comma is allowed.
    fn items(&mut self, close: &'static str) -> Result<Vec<Expr>, String> {
        let mut items = Vec::new();
        while !self.eat(close) {
            items.push(self.expr(0)?);
            if !self.eat(",") {
                self.expect(close)?;
                break;
            }
        }
        Ok(items)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Tok::Number(n) => Ok(Expr::Number(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Ident(name) => Ok(match name.as_str() {
                "true" => Expr::Bool(true),
                "false" => Expr::Bool(false),
                "null" => Expr::Null,
                _ => Expr::Ident(name),
            }),
            Tok::Punct("(") => {
                let inner = self.expr(0)?;
                self.expect(")")?;
                Ok(inner)
            }
            Tok::Punct("[") => Ok(Expr::List(self.items("]")?)),
            Tok::Punct("{") => {
                let mut fields = Vec::new();
                while !self.eat("}") {
                    let key = match self.next() {
                        Tok::Str(s) | Tok::Ident(s) => s,
                        other => return Err(format!("expected a key, found {}", describe(&other))),
                    };
                    self.expect(":")?;
                    fields.push((key, self.expr(0)?));
                    if !self.eat(",") {
                        self.expect("}")?;
                        break;
                    }
                }
                Ok(Expr::Object(fields))
            }
            Tok::Eof => Err("the expression is incomplete".into()),
            other => Err(format!("unexpected {}", describe(&other))),
        }
    }
}

/// Whether an expression reads the build clock, so a result can say the date it was made.
pub fn uses_clock(expr: &Expr) -> bool {
    match expr {
        Expr::Call(callee, args) => {
            matches!(&**callee, Expr::Ident(n) if n == "now" || n == "today")
                || uses_clock(callee)
                || args.iter().any(uses_clock)
        }
        Expr::List(items) => items.iter().any(uses_clock),
        Expr::Object(fields) => fields.iter().any(|(_, e)| uses_clock(e)),
        Expr::Member(e, _) | Expr::Not(e) | Expr::Neg(e) => uses_clock(e),
        Expr::Index(a, b) | Expr::Binary(_, a, b) => uses_clock(a) || uses_clock(b),
        _ => false,
    }
}

/// Fields of values that are not notes (dates, durations, text and lists): reading them
/// never looks at another note.
const VALUE_FIELDS: &[&str] = &[
    "length",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "milliseconds",
];

/// Methods that look at the note a link names when called on one (`link.asFile()`,
/// `organisatie.hasTag("x")`); any other method works on the value itself.
const NOTE_METHODS: &[&str] = &[
    "asFile",
    "linksTo",
    "hasTag",
    "hasLink",
    "inFolder",
    "hasProperty",
    "asLink",
];

/// Whether an expression may read notes other than its row and `this`, through `file(…)`
/// or a link property's fields and file methods (`organisatie.regio`, `x.asFile()`). Such a
/// base can change when any note does; others change only with the rows they show. Errs on
/// the side of yes.
pub fn looks_up_notes(expr: &Expr) -> bool {
    // `file`, `note`, `formula`, `this` and `this.file` are the row's own or `this`.
    fn own(e: &Expr) -> bool {
        match e {
            Expr::Ident(n) => matches!(n.as_str(), "file" | "note" | "formula" | "this"),
            Expr::Member(inner, name) => {
                name == "file" && matches!(&**inner, Expr::Ident(n) if n == "this")
            }
            _ => false,
        }
    }
    match expr {
        Expr::Call(callee, args) => {
            let here = match &**callee {
                Expr::Ident(n) => n == "file",
                Expr::Member(receiver, name) => {
                    !own(receiver) && NOTE_METHODS.contains(&name.as_str())
                        || looks_up_notes(receiver)
                }
                other => looks_up_notes(other),
            };
            here || args.iter().any(looks_up_notes)
        }
        Expr::Member(receiver, name) => {
            (!own(receiver) && !VALUE_FIELDS.contains(&name.as_str())) || looks_up_notes(receiver)
        }
        Expr::List(items) => items.iter().any(looks_up_notes),
        Expr::Object(fields) => fields.iter().any(|(_, e)| looks_up_notes(e)),
        Expr::Not(e) | Expr::Neg(e) => looks_up_notes(e),
        Expr::Index(a, b) | Expr::Binary(_, a, b) => looks_up_notes(a) || looks_up_notes(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_reads_other_notes() {
        let reads = |src: &str| looks_up_notes(&parse(src).unwrap());
        for own in [
            "categorieen.contains(link(\"Projecten\"))",
            "!file.name.contains(\"Sjabloon\")",
            "file.hasTag(\"sport\") && this.file.hasLink(file)",
            "(now() - datum).days.floor() > 7",
            "list(auteur).contains(this)",
            "formula.x + note.y",
        ] {
            assert!(!reads(own), "{own}");
        }
        for other in [
            "organisatie.regio == \"Utrecht\"",
            "organisatie.asFile().tags",
            "file(\"x.md\").name",
            "file.links.map(value.hasTag(\"a\"))",
        ] {
            assert!(reads(other), "{other}");
        }
    }

    fn id(s: &str) -> Box<Expr> {
        Box::new(Expr::Ident(s.into()))
    }
    fn num(n: f64) -> Box<Expr> {
        Box::new(Expr::Number(n))
    }

    #[test]
    fn parse_table() {
        use BinOp::*;
        let cases: Vec<(&str, Expr)> = vec![
            ("null", Expr::Null),
            ("true", Expr::Bool(true)),
            ("'x'", Expr::Str("x".into())),
            (
                "[1, 2,]",
                Expr::List(vec![Expr::Number(1.0), Expr::Number(2.0)]),
            ),
            (
                "{a: 1, 'b': 2}",
                Expr::Object(vec![
                    ("a".into(), Expr::Number(1.0)),
                    ("b".into(), Expr::Number(2.0)),
                ]),
            ),
            (
                "1 + 2 * 3",
                Expr::Binary(
                    Add,
                    num(1.0),
                    Box::new(Expr::Binary(Mul, num(2.0), num(3.0))),
                ),
            ),
            (
                "(1 + 2) * 3",
                Expr::Binary(
                    Mul,
                    Box::new(Expr::Binary(Add, num(1.0), num(2.0))),
                    num(3.0),
                ),
            ),
            (
                "10 - 4 - 3",
                Expr::Binary(
                    Sub,
                    Box::new(Expr::Binary(Sub, num(10.0), num(4.0))),
                    num(3.0),
                ),
            ),
            (
                "a || b && c",
                Expr::Binary(Or, id("a"), Box::new(Expr::Binary(And, id("b"), id("c")))),
            ),
            ("a != b", Expr::Binary(Ne, id("a"), id("b"))),
            ("x >= 1", Expr::Binary(Ge, id("x"), num(1.0))),
            ("!done", Expr::Not(id("done"))),
            ("-x", Expr::Neg(id("x"))),
            ("note.price", Expr::Member(id("note"), "price".into())),
            (
                "note[\"price\"]",
                Expr::Index(id("note"), Box::new(Expr::Str("price".into()))),
            ),
            ("p[0]", Expr::Index(id("p"), num(0.0))),
            (
                "this.file.name",
                Expr::Member(
                    Box::new(Expr::Member(id("this"), "file".into())),
                    "name".into(),
                ),
            ),
            ("now()", Expr::Call(id("now"), vec![])),
            (
                "file.hasTag(\"a\", \"b\")",
                Expr::Call(
                    Box::new(Expr::Member(id("file"), "hasTag".into())),
                    vec![Expr::Str("a".into()), Expr::Str("b".into())],
                ),
            ),
            (
                "(2.5).round()",
                Expr::Call(Box::new(Expr::Member(num(2.5), "round".into())), vec![]),
            ),
        ];
        for (src, want) in cases {
            assert_eq!(parse(src).unwrap(), want, "{src}");
        }
    }

    #[test]
    fn error_table() {
        let (parens, nots) = ("(".repeat(5000), "!".repeat(5000));
        let cases: Vec<(&str, &str)> = vec![
            ("1 +", "incomplete"),
            ("a = 1", "`==`"),
            ("f(1, 2", "expected `)`"),
            ("a b", "after the expression"),
            ("x.", "expected a name"),
            ("[1 2]", "expected `]`"),
            (&parens, "nested too deeply"),
            (&nots, "nested too deeply"),
        ];
        for (src, needle) in cases {
            let err = parse(src).unwrap_err();
            assert!(err.contains(needle), "{src}: {err}");
        }
    }

    #[test]
    fn clock_use_is_found() {
        assert!(uses_clock(&parse("(now() - birthday).years").unwrap()));
        assert!(uses_clock(&parse("file.mtime > today() - '7d'").unwrap()));
        assert!(!uses_clock(&parse("file.hasTag('x')").unwrap()));
    }
}
