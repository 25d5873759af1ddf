// Key Vault in RBAC mode holding the app's two secrets. The function app reads them through
// Key Vault references (versionless URIs, so a new secret version is picked up on restart or
// within 24 hours) using its user-assigned identity, which holds Key Vault Secrets User.
@minLength(3)
@maxLength(24)
@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
param name string

@description('Region of the vault.')
param location string = resourceGroup().location

@description('Tags applied to the vault.')
param tags { *: string } = {}

@minValue(7)
@maxValue(90)
@description('Days a deleted vault stays recoverable.')
param softDeleteRetentionInDays int = 7

@description('Turn on purge protection (irreversible).')
param enablePurgeProtection bool = false

@description('Whether an admin key is stored (decided by the caller, so no output depends on a secure value).')
param storeAdminKey bool = false

@secure()
@description('Value of the admin-key secret; used only when storeAdminKey is true.')
param adminKey string = ''

@secure()
@description('Value of the signing-keys secret (kid=base64key[;kid2=base64key]).')
param signingKeys string

var adminKeySecretName = 'admin-key'
var signingKeysSecretName = 'signing-keys'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects an explicit false; leaving the property out means "off".
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = if (storeAdminKey) {
  parent: vault
  name: adminKeySecretName
  properties: {
    value: adminKey
    contentType: 'text/plain'
  }
}

resource signingKeysSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: signingKeysSecretName
  properties: {
    value: signingKeys
    contentType: 'text/plain'
  }
}

output id string = vault.id
output name string = vault.name
output endpoint string = vault.properties.vaultUri
// Versionless secret URIs for Key Vault references (vaultUri ends with '/'). Empty when no admin key is stored.
output adminKeyReferenceUri string = storeAdminKey ? '${vault.properties.vaultUri}secrets/${adminKeySecretName}' : ''
output signingKeysReferenceUri string = '${vault.properties.vaultUri}secrets/${signingKeysSecretName}'
