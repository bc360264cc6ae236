-- AlterTable
ALTER TABLE "Reading" ADD COLUMN "clientKey" TEXT;
ALTER TABLE "Reading" ADD COLUMN "clientKeyRequest" TEXT;

-- AlterTable
ALTER TABLE "Treatment" ADD COLUMN "clientKey" TEXT;
ALTER TABLE "Treatment" ADD COLUMN "clientKeyRequest" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "preferredUnit" TEXT NOT NULL DEFAULT 'mg/dL',
    "targetLowMgdl" REAL NOT NULL DEFAULT 70,
    "targetHighMgdl" REAL NOT NULL DEFAULT 180,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "language" TEXT NOT NULL DEFAULT 'en',
    "formatLocale" TEXT NOT NULL DEFAULT 'en-US',
    "gramsPerServing" REAL NOT NULL DEFAULT 10,
    "insulinNames" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "activatedAt" DATETIME
);
INSERT INTO "new_User" ("activatedAt", "createdAt", "displayName", "email", "gramsPerServing", "id", "insulinNames", "passwordHash", "preferredUnit", "targetHighMgdl", "targetLowMgdl", "timeZone", "updatedAt") SELECT "activatedAt", "createdAt", "displayName", "email", "gramsPerServing", "id", "insulinNames", "passwordHash", "preferredUnit", "targetHighMgdl", "targetLowMgdl", "timeZone", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Reading_userId_clientKey_key" ON "Reading"("userId", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "Treatment_userId_clientKey_key" ON "Treatment"("userId", "clientKey");
