// The one identity the function app uses for storage, Key Vault and Application Insights.
@description('Name of the user-assigned managed identity.')
param name string

@description('Region of the identity.')
param location string = resourceGroup().location

@description('Tags applied to the identity.')
param tags { *: string } = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
