/** Collection and global slugs, in one place so relationships and access rules never drift. */
export const CLINICS = 'clinics'
export const ARTICLES = 'articles'
export const FAQS = 'faqs'
export const CONDITIONS = 'conditions'
export const PROVIDERS = 'providers'
export const MEDIA = 'media'
export const USERS = 'users'
export const NETWORK_SETTINGS = 'network-settings'
