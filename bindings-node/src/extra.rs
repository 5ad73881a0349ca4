//! The unsigned fields of a payment or redirect as a plain object in which
//! every field is an own property, one named `__proto__` included: assigning
//! it (as napi's map conversion does) would call the prototype setter, which
//! drops a string value silently.

use std::collections::BTreeMap;

use napi::bindgen_prelude::{JsObjectValue, Object, ToNapiValue, TypeName};
use napi::{sys, Env, Property, PropertyAttributes, Result, ValueType};

/// Field name to value, in the core's (sorted) order.
pub struct Extra(pub BTreeMap<String, String>);

impl TypeName for Extra {
    fn type_name() -> &'static str {
        "Record<string, string>"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for Extra {
    unsafe fn to_napi_value(raw_env: sys::napi_env, extra: Self) -> Result<sys::napi_value> {
        let env = Env::from(raw_env);
        let mut object = Object::new(&env)?;
        let attributes = PropertyAttributes::Writable
            | PropertyAttributes::Enumerable
            | PropertyAttributes::Configurable;
        let fields = extra
            .0
            .into_iter()
            .map(|(name, value)| {
                Property::new()
                    .with_utf8_name(&name)?
                    .with_napi_value(&env, value)
                    .map(|p| p.with_property_attributes(attributes))
            })
            .collect::<Result<Vec<_>>>()?;
        if !fields.is_empty() {
            object.define_properties(&fields)?;
        }
        ToNapiValue::to_napi_value(raw_env, object)
    }
}
