//! The registry's vocabularies in the OpenAPI document: each is a string with its closed list of
//! codes, read from the enum itself (`domain::vocabulary`), so a new code appears there at once.

use std::borrow::Cow;

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use crate::domain::{
    ElectionKind, FlagKind, Legitimacy, MissionKind, OrganizationKind, Rating, Role, SanctionKind,
    SubjectType, Verdict,
};

macro_rules! code_schemas {
    ($($name:ident: $description:literal,)*) => {
        $(
            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some($description))
                        .enum_values(Some($name::all().map($name::code)))
                        .into()
                }
            }

            impl utoipa::ToSchema for $name {
                fn name() -> Cow<'static, str> {
                    Cow::Borrowed(stringify!($name))
                }
            }
        )*
    };
}

code_schemas! {
    OrganizationKind: "The kind of an observer organization.",
    ElectionKind: "The kind of an election.",
    Legitimacy: "`sham`: a vote staged where it has no legal basis.",
    MissionKind: "The kind of a mission.",
    Verdict: "A mission's verdict on the scale of the methodology (`none`: no assessment published).",
    Role: "An individual's role in a mission.",
    SanctionKind: "A sanction, exposure or dissolution.",
    SubjectType: "Whom a record is about.",
    Rating: "The registry's rating of an organization.",
    FlagKind: "A flag raised by the methodology.",
}
