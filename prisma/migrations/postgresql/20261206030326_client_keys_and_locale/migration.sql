-- AlterTable
ALTER TABLE "Reading" ADD COLUMN     "clientKey" TEXT,
ADD COLUMN     "clientKeyRequest" TEXT;

-- AlterTable
ALTER TABLE "Treatment" ADD COLUMN     "clientKey" TEXT,
ADD COLUMN     "clientKeyRequest" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "formatLocale" TEXT NOT NULL DEFAULT 'en-US',
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en';

-- CreateIndex
CREATE UNIQUE INDEX "Reading_userId_clientKey_key" ON "Reading"("userId", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "Treatment_userId_clientKey_key" ON "Treatment"("userId", "clientKey");
