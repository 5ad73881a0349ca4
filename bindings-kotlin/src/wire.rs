//! Bring your own HTTP client (OkHttp, Ktor, java.net.http): signed requests
//! and verified answers without the bundled client.

use std::sync::Arc;

use latipay::ffi;

use crate::errors::Result;
use crate::requests::{BarcodePayment, CreateTransaction, Refund};
use crate::results::{BarcodeAccepted, CreatedTransaction, GatewayData, Payment, SignedRequest};

/// A merchant's userId, walletId and api_key, checked once; `toString()` shows no key.
#[derive(uniffi::Object)]
pub struct Credentials(latipay::Credentials);

#[uniffi::export]
impl Credentials {
    /// Checks the values shown in the Latipay merchant portal.
    #[uniffi::constructor]
    pub fn new(user_id: String, wallet_id: String, api_key: String) -> Result<Self> {
        let key = latipay::ApiKey::new(api_key)?;
        Ok(Credentials(latipay::Credentials::new(
            user_id, wallet_id, key,
        )?))
    }

    /// The Latipay user account.
    pub fn user_id(&self) -> String {
        self.0.user_id().to_owned()
    }

    /// The wallet payments go to.
    pub fn wallet_id(&self) -> String {
        self.0.wallet_id().to_owned()
    }

    /// `text` for `toString()`: the api_key redacted, had it been passed as an id by mistake.
    pub fn shown(&self, text: String) -> String {
        latipay::ffi::shown_name(&text, self.0.api_key().expose())
    }
}

/// The signed `POST /v2/transaction`.
#[uniffi::export]
pub fn create_transaction_request(
    credentials: Arc<Credentials>,
    order: CreateTransaction,
) -> Result<SignedRequest> {
    let order = ffi::CreateTransactionText::from(order).into_request(credentials.0.api_key())?;
    Ok(order.signed(&credentials.0)?.into())
}

/// The signed `GET /v2/transaction/{merchantReference}`.
#[uniffi::export(default(block = false))]
pub fn query_request(
    credentials: Arc<Credentials>,
    merchant_reference: String,
    block: bool,
) -> Result<SignedRequest> {
    let query = latipay::Query::new(merchant_reference, block);
    Ok(query.signed(&credentials.0)?.into())
}

/// The signed `POST /refund`.
#[uniffi::export]
pub fn refund_request(credentials: Arc<Credentials>, refund: Refund) -> Result<SignedRequest> {
    let refund = ffi::RefundText::from(refund).into_request(credentials.0.api_key())?;
    Ok(refund.signed(&credentials.0)?.into())
}

/// The signed `POST /cancel`.
#[uniffi::export]
pub fn cancel_request(
    credentials: Arc<Credentials>,
    merchant_reference: String,
) -> Result<SignedRequest> {
    Ok(latipay::Cancel::new(merchant_reference)
        .signed(&credentials.0)?
        .into())
}

/// The signed `POST /barcode`.
#[uniffi::export]
pub fn barcode_request(
    credentials: Arc<Credentials>,
    payment: BarcodePayment,
) -> Result<SignedRequest> {
    let barcode = ffi::BarcodeText::from(payment).into_request(credentials.0.api_key())?;
    Ok(barcode.signed(&credentials.0)?.into())
}

/// Verifies the answer to a create request.
#[uniffi::export]
pub fn parse_create_response(body: String, api_key: String) -> Result<CreatedTransaction> {
    Ok(latipay::response::parse_create_response(&body, &api_key)?.into())
}

/// Verifies gateway data (a merchant-hosted QR code).
#[uniffi::export]
pub fn parse_gateway_data(body: String, api_key: String) -> Result<GatewayData> {
    let data = latipay::response::parse_gateway_data(&body, &api_key)?;
    Ok(ffi::GatewayView::try_from(data)?.into())
}

/// Verifies the answer to a query for `merchantReference`.
#[uniffi::export]
pub fn parse_query_response(
    body: String,
    api_key: String,
    merchant_reference: String,
) -> Result<Payment> {
    let payment = latipay::response::parse_query_response(&body, &api_key, &merchant_reference)?;
    Ok(payment.into())
}

/// Reads the answer to a refund; returns when Latipay accepted it.
#[uniffi::export]
pub fn parse_refund_response(body: String) -> Result<()> {
    Ok(latipay::response::parse_refund_response(&body)?)
}

/// Reads the answer to a cancel; returns when the order was cancelled.
#[uniffi::export]
pub fn parse_cancel_response(body: String) -> Result<()> {
    Ok(latipay::response::parse_cancel_response(&body)?)
}

/// Reads the answer to a barcode payment.
#[uniffi::export]
pub fn parse_barcode_response(body: String) -> Result<BarcodeAccepted> {
    Ok(latipay::response::parse_barcode_response(&body)?.into())
}
